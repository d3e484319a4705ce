using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CastInspect.Core.Measurement;

namespace CastInspect.Inference.Manifest;

/// <summary>
/// Writes tuned per-class thresholds, noise floors, measuring levels, grow thresholds, least aspect ratios, link distances and the second looks' least scores into one entry of <c>manifest.json</c>, with a record of how they
/// were chosen under <c>tuning</c>; every other field, and every other model, is kept as it was. The .onnx file is not
/// touched, so its hash still holds.
/// </summary>
public static class OperatingPointWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <exception cref="ModelManifestException">No manifest in the folder, or no entry of that name.</exception>
    /// <param name="measuring">Measuring levels; a class left null is measured over every pixel found, and with both
    /// null the manifest's <c>measure_at_peak_fraction</c> is removed.</param>
    /// <param name="grow">Grow thresholds; a class left null is found at its threshold alone, and with both null the
    /// manifest's <c>grow_thresholds</c> is removed.</param>
    /// <param name="aspect">Least length-to-width ratios; a class left null is not screened by shape, and with both null
    /// the manifest's <c>min_aspect_ratios</c> is removed.</param>
    /// <param name="link">Link distances in mm; a class left null is not linked, and with both null the manifest's
    /// <c>link_distances_mm</c> is removed.</param>
    /// <param name="secondLook">Least second-look scores, written to the <c>min_score</c> of the entry's look at each
    /// class it has one for (a class left null = 0: every component scored, none screened).</param>
    public static void Write(
        string modelsDirectory,
        string modelName,
        ClassThresholds thresholds,
        ClassMinAreas minAreas,
        JsonObject tuning,
        ClassMeasuringLevels? measuring = null,
        ClassGrowThresholds? grow = null,
        ClassMinAspectRatios? aspect = null,
        ClassLinkDistances? link = null,
        ClassSecondLookScores? secondLook = null)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(minAreas);
        ArgumentNullException.ThrowIfNull(tuning);
        var path = Path.Combine(modelsDirectory, "manifest.json");
        if (!File.Exists(path))
        {
            throw new ModelManifestException($"no manifest.json in '{modelsDirectory}'");
        }

        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new ModelManifestException($"{path}: not a JSON object");
        var entry = (root["models"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(m => (string?)m["name"] == modelName)
            ?? throw new ModelManifestException($"{path}: no model named '{modelName}'");
        entry["thresholds"] = new JsonObject { [DefectClassKeys.Porosity] = Round(thresholds.Porosity), [DefectClassKeys.ColdShut] = Round(thresholds.ColdShut) };
        entry["min_area_px"] = new JsonObject { [DefectClassKeys.Porosity] = minAreas.Porosity, [DefectClassKeys.ColdShut] = minAreas.ColdShut };
        SetPerClass(entry, "measure_at_peak_fraction", measuring?.Porosity, measuring?.ColdShut);
        SetPerClass(entry, "grow_thresholds", grow?.Porosity, grow?.ColdShut);
        SetPerClass(entry, "min_aspect_ratios", aspect?.Porosity, aspect?.ColdShut);
        SetPerClass(entry, "link_distances_mm", link?.Porosity, link?.ColdShut);
        foreach (var look in (entry["second_looks"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var least = (string?)look["class"] switch
            {
                DefectClassKeys.Porosity => secondLook?.Porosity,
                DefectClassKeys.ColdShut => secondLook?.ColdShut,
                _ => null,
            };
            look["min_score"] = Round(least ?? 0);
        }

        entry["tuning"] = tuning;
        var temp = path + ".tmp";
        File.WriteAllText(temp, root.ToJsonString(Indented) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private static void SetPerClass(JsonObject entry, string field, double? porosity, double? coldShut)
    {
        if (porosity is null && coldShut is null)
        {
            entry.Remove(field);
            return;
        }

        var values = new JsonObject();
        foreach (var (name, value) in new[] { (DefectClassKeys.Porosity, porosity), (DefectClassKeys.ColdShut, coldShut) })
        {
            if (value is { } v)
            {
                values[name] = Round(v);
            }
        }

        entry[field] = values;
    }

    private static double Round(double threshold) => double.Parse(threshold.ToString("0.####", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

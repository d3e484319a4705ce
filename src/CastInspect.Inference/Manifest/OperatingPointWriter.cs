using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CastInspect.Inference.Manifest;

/// <summary>
/// Writes tuned per-class thresholds, noise floors and measuring levels into one entry of <c>manifest.json</c>, with a record of how they
/// were chosen under <c>tuning</c>; every other field, and every other model, is kept as it was. The .onnx file is not
/// touched, so its hash still holds.
/// </summary>
public static class OperatingPointWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <exception cref="ModelManifestException">No manifest in the folder, or no entry of that name.</exception>
    /// <param name="measuring">Measuring levels; a class left null is measured over every pixel found, and with both
    /// null the manifest's <c>measure_at_peak_fraction</c> is removed.</param>
    public static void Write(
        string modelsDirectory, string modelName, ClassThresholds thresholds, ClassMinAreas minAreas, JsonObject tuning, ClassMeasuringLevels? measuring = null)
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
        entry["thresholds"] = new JsonObject { ["porosity"] = Round(thresholds.Porosity), ["cold_shut"] = Round(thresholds.ColdShut) };
        entry["min_area_px"] = new JsonObject { ["porosity"] = minAreas.Porosity, ["cold_shut"] = minAreas.ColdShut };
        if (measuring is { Porosity: null, ColdShut: null } or null)
        {
            entry.Remove("measure_at_peak_fraction");
        }
        else
        {
            var levels = new JsonObject();
            foreach (var (name, share) in new[] { ("porosity", measuring.Porosity), ("cold_shut", measuring.ColdShut) })
            {
                if (share is { } s)
                {
                    levels[name] = Round(s);
                }
            }

            entry["measure_at_peak_fraction"] = levels;
        }

        entry["tuning"] = tuning;
        var temp = path + ".tmp";
        File.WriteAllText(temp, root.ToJsonString(Indented) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private static double Round(double threshold) => double.Parse(threshold.ToString("0.####", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json;
using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;

namespace CastInspect.Imaging.Synthesis;

/// <summary>
/// Reads what the synthesiser needs from a part program JSON file (views, sizes, pixel sizes, zone outlines).
/// Stand-in until the Core part program loader is available to it; zone rules are not read here.
/// </summary>
internal static class PartProgramFile
{
    public static PartProgram Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var root = doc.RootElement;
        var views = new List<ViewDefinition>();
        if (root.TryGetProperty("views", out var viewsEl))
        {
            for (var i = 0; i < viewsEl.GetArrayLength(); i++)
            {
                views.Add(ReadView(viewsEl[i]));
            }
        }

        return new PartProgram(
            Str(root, "part_number") ?? Path.GetFileNameWithoutExtension(path),
            Str(root, "name") ?? string.Empty,
            root.TryGetProperty("revision", out var rev) && rev.ValueKind == JsonValueKind.Number ? rev.GetInt32() : 1,
            views,
            path);
    }

    private static ViewDefinition ReadView(JsonElement v)
    {
        var modality = string.Equals(Str(v, "modality"), "surface", StringComparison.OrdinalIgnoreCase) ? Modality.Surface : Modality.Xray;
        var zones = new List<Zone>();
        if (v.TryGetProperty("zones", out var zonesEl))
        {
            for (var i = 0; i < zonesEl.GetArrayLength(); i++)
            {
                var z = zonesEl[i];
                var polygon = new List<PointMm>();
                if (z.TryGetProperty("polygon_mm", out var poly))
                {
                    for (var k = 0; k < poly.GetArrayLength(); k++)
                    {
                        polygon.Add(new PointMm(poly[k][0].GetDouble(), poly[k][1].GetDouble()));
                    }
                }

                zones.Add(new Zone(Str(z, "id") ?? "?", Str(z, "name") ?? string.Empty, polygon, Criticality.Functional, null, null, ReviewBand.Default));
            }
        }

        return new ViewDefinition(
            Str(v, "id") ?? "view",
            modality,
            Int(v, "width_px"),
            Int(v, "height_px"),
            v.TryGetProperty("pixel_size_mm", out var ps) && ps.ValueKind == JsonValueKind.Number ? ps.GetDouble() : 0.1,
            zones,
            AnySize: v.TryGetProperty("any_size", out var any) && any.ValueKind == JsonValueKind.True);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? p.ValueKind == JsonValueKind.String ? p.GetString() : p.ToString() : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number
            ? p.GetInt32()
            : int.Parse(Str(e, name) ?? "0", CultureInfo.InvariantCulture);
}

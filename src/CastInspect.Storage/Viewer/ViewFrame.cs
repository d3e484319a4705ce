using System.Text.Json;
using System.Text.Json.Nodes;
using CastInspect.Core.Geometry;

namespace CastInspect.Storage.Viewer;

/// <summary>A zone's outline on its view, mm in the view frame.</summary>
public sealed record ZoneOutline(string Id, string Name, IReadOnlyList<PointMm> PolygonMm);

/// <summary>A view's reference frame as the part program defines it: size, pixel size and zones.</summary>
public sealed record ViewFrame(string ViewId, int WidthPx, int HeightPx, double PixelSizeMm, IReadOnlyList<ZoneOutline> Zones);

/// <summary>Reads view frames from a stored part program (<c>part_program_versions.content_json</c>, snake_case).</summary>
public static class ViewFrames
{
    public static IReadOnlyDictionary<string, ViewFrame> Parse(string? contentJson)
    {
        var frames = new Dictionary<string, ViewFrame>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(contentJson))
        {
            return frames;
        }

        try
        {
            if (JsonNode.Parse(contentJson)?["views"] is not JsonArray views)
            {
                return frames;
            }

            foreach (var v in views.OfType<JsonObject>())
            {
                var id = Text(v, "id");
                if (id.Length == 0)
                {
                    continue;
                }

                var (width, height, pixelMm) = ((int)Number(v, "width_px"), (int)Number(v, "height_px"), Number(v, "pixel_size_mm"));
                var zones = (v["zones"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(z => new ZoneOutline(Text(z, "id"), Text(z, "name"), Outline(z, width * pixelMm, height * pixelMm)))
                    .ToList();
                frames[id] = new ViewFrame(id, width, height, pixelMm, zones);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return frames;
        }

        return frames;
    }

    /// <summary>The zone's polygon; a whole-image zone without one is the view's full rectangle.</summary>
    private static List<PointMm> Outline(JsonObject zone, double widthMm, double heightMm)
    {
        var points = Points(zone["polygon_mm"]);
        var wholeImage = zone["whole_image"] is JsonValue w && w.TryGetValue<bool>(out var b) && b;
        return points.Count > 0 || !wholeImage || widthMm <= 0 || heightMm <= 0
            ? points
            : [new(0, 0), new(widthMm, 0), new(widthMm, heightMm), new(0, heightMm)];
    }

    private static List<PointMm> Points(JsonNode? polygon)
    {
        if (polygon is JsonObject o)
        {
            polygon = o.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault();
        }

        return polygon is not JsonArray points
            ? []
            : points.Select(pt => pt is JsonArray xy
                ? new PointMm(xy[0]!.GetValue<double>(), xy[1]!.GetValue<double>())
                : new PointMm(Number(pt, "x"), Number(pt, "y"))).ToList();
    }

    private static string Text(JsonNode? n, string name) =>
        n?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    private static double Number(JsonNode? n, string name) =>
        n?[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
}

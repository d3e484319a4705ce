using System.Text.Json;
using CastInspect.Core.Geometry;

namespace CastInspect.Core.Parts.Loading;

/// <summary>
/// Turns the JSON of a part program into the model, reporting structural problems (missing, mistyped, unknown keys)
/// with their field path. Missing values become placeholders so that the validator can still check the rest.
/// </summary>
internal sealed class PartProgramReader(ProblemSink sink, string? baseDirectory)
{
    private static readonly Dictionary<string, Modality> Modalities = new(StringComparer.Ordinal)
    {
        ["xray"] = Modality.Xray,
        ["surface"] = Modality.Surface,
    };

    private static readonly Dictionary<string, Criticality> Criticalities = new(StringComparer.Ordinal)
    {
        ["structural"] = Criticality.Structural,
        ["sealing"] = Criticality.Sealing,
        ["functional"] = Criticality.Functional,
        ["cosmetic"] = Criticality.Cosmetic,
    };

    private static readonly Dictionary<string, ReferenceAreaShape> Shapes = new(StringComparer.Ordinal)
    {
        ["circle"] = ReferenceAreaShape.Circle,
        ["square"] = ReferenceAreaShape.Square,
    };

    public PartProgram? Read(JsonElement rootElement)
    {
        var root = JsonObjectReader.Open(rootElement, string.Empty, sink);
        if (root is null)
        {
            return null;
        }

        var partNumber = root.String("part_number", required: true) ?? string.Empty;
        var name = root.String("name", required: true) ?? string.Empty;
        var revision = root.Integer("revision", required: true) ?? 0;
        var defaultReview = ReadReview(root.Object("review", required: false), ReviewBand.Default);
        var views = (root.Array("views", required: true) ?? [])
            .Select(v => ReadView(v.Element, v.Path, defaultReview))
            .ToList();
        root.RejectUnknownKeys("key");
        return new PartProgram(partNumber, name, revision, views, sink.File);
    }

    private ViewDefinition ReadView(JsonElement element, string path, ReviewBand defaultReview)
    {
        var v = JsonObjectReader.Open(element, path, sink);
        if (v is null)
        {
            return new ViewDefinition(string.Empty, Modality.Xray, 0, 0, double.NaN, []);
        }

        var id = v.String("id", required: true) ?? string.Empty;
        var name = v.String("name", required: false);
        var modality = v.Enum("modality", required: true, Modalities, "modality") ?? Modality.Xray;
        var widthPx = v.Integer("width_px", required: true) ?? 0;
        var heightPx = v.Integer("height_px", required: true) ?? 0;
        var pixelSize = v.Number("pixel_size_mm", required: true) ?? double.NaN;
        var anySize = v.Bool("any_size", required: false) ?? false;
        var tolerance = v.Number("size_tolerance", required: false) ?? 0.05;
        var positionTolerance = v.Number("position_tolerance_mm", required: false) ?? 0;
        var reference = ReadPath(v, "reference_image");
        var dark = ReadPath(v, "dark_image");
        var flat = ReadPath(v, "flat_image");
        var quality = ReadImageQuality(v.Object("image_quality", required: false));
        var pins = ReadEjectorPins(v.Object("ejector_pin_marks", required: false));
        var zonesField = v.Field("zones");
        var zones = (v.Array("zones", required: true) ?? [])
            .Select(z => ReadZone(z.Element, z.Path, widthPx * pixelSize, heightPx * pixelSize, defaultReview))
            .ToList();
        v.RejectUnknownKeys("view key");
        if (zones.Count == 0 && v.Has("zones"))
        {
            sink.Add(zonesField, "no zones: a view needs at least one zone (use \"whole_image\": true for the whole view)");
        }

        return new ViewDefinition(id, modality, widthPx, heightPx, pixelSize, zones, reference, dark, flat, quality, tolerance, anySize, name, pins, positionTolerance);
    }

    private Zone ReadZone(JsonElement element, string path, double viewWidthMm, double viewHeightMm, ReviewBand defaultReview)
    {
        var z = JsonObjectReader.Open(element, path, sink);
        if (z is null)
        {
            return new Zone(string.Empty, string.Empty, [], Criticality.Structural, null, null, defaultReview);
        }

        var id = z.String("id", required: true) ?? string.Empty;
        var name = z.String("name", required: true) ?? string.Empty;
        var criticality = z.Enum("criticality", required: true, Criticalities, "criticality") ?? Criticality.Structural;
        var wholeImage = z.Bool("whole_image", required: false) ?? false;
        IReadOnlyList<PointMm> polygon;
        if (wholeImage)
        {
            z.Know("polygon_mm");
            if (z.Has("polygon_mm"))
            {
                sink.Add(z.Field("polygon_mm"), "give either polygon_mm or \"whole_image\": true, not both");
            }

            polygon = Polygon.FromRect(new RectMm(0, 0, viewWidthMm, viewHeightMm));
        }
        else
        {
            polygon = ReadPolygon(z);
        }

        var porosity = ReadPorosity(z.Object("porosity", required: false));
        var coldShut = ReadColdShut(z.Object("cold_shut", required: false));
        var review = ReadReview(z.Object("review", required: false), defaultReview);
        z.RejectUnknownKeys("zone key");
        return new Zone(id, name, polygon, criticality, porosity, coldShut, review, wholeImage);
    }

    private List<PointMm> ReadPolygon(JsonObjectReader z)
    {
        var points = new List<PointMm>();
        foreach (var (element, path) in z.Array("polygon_mm", required: true) ?? [])
        {
            if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 2
                && element[0].ValueKind == JsonValueKind.Number && element[1].ValueKind == JsonValueKind.Number)
            {
                points.Add(new PointMm(element[0].GetDouble(), element[1].GetDouble()));
            }
            else
            {
                sink.Add(path, $"a point must be [x, y] in mm, got {JsonObjectReader.Describe(element)}");
            }
        }

        return points;
    }

    private static PorosityRules? ReadPorosity(JsonObjectReader? p)
    {
        if (p is null)
        {
            return null;
        }

        var floor = p.Number("detection_floor_mm", required: true) ?? double.NaN;
        var maxDiameter = p.Number("max_pore_diameter_mm", required: false);
        ReferenceArea? area = null;
        var a = p.Object("reference_area", required: false);
        if (a is not null)
        {
            var shape = a.Enum("shape", required: true, Shapes, "reference area shape") ?? ReferenceAreaShape.Circle;
            area = new ReferenceArea(shape, a.Number("size_mm", required: true) ?? double.NaN);
            a.RejectUnknownKeys("reference area key");
        }

        var count = p.Integer("max_pore_count", required: false);
        var areaPercent = p.Number("max_area_percent", required: false);
        var spacing = p.Number("min_spacing_mm", required: false);
        var edge = p.Number("min_edge_distance_mm", required: false);
        p.RejectUnknownKeys("porosity rule");
        return new PorosityRules(floor, maxDiameter, area, count, areaPercent, spacing, edge);
    }

    private static ColdShutRules? ReadColdShut(JsonObjectReader? c)
    {
        if (c is null)
        {
            return null;
        }

        var allowed = c.Bool("allowed", required: true) ?? false;
        var maxLength = c.Number("max_length_mm", required: false);
        c.RejectUnknownKeys("cold-shut rule");
        return new ColdShutRules(allowed, maxLength);
    }

    private static ReviewBand ReadReview(JsonObjectReader? r, ReviewBand defaults)
    {
        if (r is null)
        {
            return defaults;
        }

        var band = new ReviewBand(
            r.Number("margin_fraction", required: false) ?? defaults.MarginFraction,
            r.Number("min_porosity_confidence", required: false) ?? defaults.MinPorosityConfidence,
            r.Number("min_cold_shut_confidence", required: false) ?? defaults.MinColdShutConfidence);
        r.RejectUnknownKeys("review key");
        return band;
    }

    private static ImageQualityLimits? ReadImageQuality(JsonObjectReader? q)
    {
        if (q is null)
        {
            return null;
        }

        var cnr = q.Number("min_contrast_to_noise", required: true) ?? double.NaN;
        var unsharpness = q.Number("max_unsharpness_px", required: true) ?? double.NaN;
        var noise = q.Number("max_noise_percent", required: false) ?? 100;
        RectMm? region = null;
        var r = q.Object("reference_region_mm", required: false);
        if (r is not null)
        {
            region = new RectMm(
                r.Number("x", required: true) ?? double.NaN,
                r.Number("y", required: true) ?? double.NaN,
                r.Number("width", required: true) ?? double.NaN,
                r.Number("height", required: true) ?? double.NaN);
            r.RejectUnknownKeys("rectangle key");
        }

        q.RejectUnknownKeys("image-quality limit");
        return new ImageQualityLimits(cnr, unsharpness, noise, region);
    }

    private static EjectorPinMarks? ReadEjectorPins(JsonObjectReader? p)
    {
        if (p is null)
        {
            return null;
        }

        var pins = new EjectorPinMarks(
            p.Number("min_diameter_mm", required: true) ?? double.NaN,
            p.Number("max_diameter_mm", required: true) ?? double.NaN,
            p.Number("tolerance_mm", required: false) ?? 0.16);
        p.RejectUnknownKeys("ejector-pin key");
        return pins;
    }

    private string? ReadPath(JsonObjectReader v, string key)
    {
        var text = v.String(key, required: false);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0)
        {
            sink.Add(v.Field(key), "empty path");
            return null;
        }

        var full = baseDirectory is null || Path.IsPathRooted(text) ? text : Path.GetFullPath(Path.Combine(baseDirectory, text));
        if (baseDirectory is not null && !File.Exists(full))
        {
            sink.Add(v.Field(key), $"file not found: {full}");
        }

        return full;
    }
}

using CastInspect.Core.Geometry;
using static CastInspect.Core.Invariant;

namespace CastInspect.Core.Parts;

/// <summary>
/// Checks a part program's content: ids present and unique, limits positive and consistent, zone polygons simple and
/// inside their view. Returns every problem, each naming the file and the field (<c>views[1].zones[0].polygon_mm</c>).
/// </summary>
public static partial class PartProgramValidator
{
    /// <summary>Largest review margin accepted (a band of ±50 % of a limit would make most results REVIEW).</summary>
    public const double MaxMarginFraction = 0.5;

    public static IReadOnlyList<PartProgramProblem> Validate(PartProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var file = program.SourcePath ?? "<part program>";
        var problems = new List<PartProgramProblem>();
        void Add(string field, string message) => problems.Add(new PartProgramProblem(file, field, message));

        if (string.IsNullOrWhiteSpace(program.PartNumber))
        {
            Add("part_number", "empty: give the part number the line reports");
        }

        if (string.IsNullOrWhiteSpace(program.Name))
        {
            Add("name", "empty: give the casting's name");
        }

        if (program.Revision < 1)
        {
            Add("revision", $"must be 1 or more, got {Num(program.Revision)}");
        }

        if (program.Views.Count == 0)
        {
            Add("views", "no views: a part program needs at least one view");
        }

        CheckUniqueIds(program.Views.Select(v => v.Id), i => $"views[{Num(i)}].id", "view", Add);
        for (var i = 0; i < program.Views.Count; i++)
        {
            ValidateView(program.Views[i], $"views[{Num(i)}]", Add);
        }

        return problems;
    }

    private static void ValidateView(ViewDefinition view, string path, Action<string, string> add)
    {
        if (view.WidthPx <= 0)
        {
            add($"{path}.width_px", $"must be more than 0, got {Num(view.WidthPx)}");
        }

        if (view.HeightPx <= 0)
        {
            add($"{path}.height_px", $"must be more than 0, got {Num(view.HeightPx)}");
        }

        Positive(view.PixelSizeMm, $"{path}.pixel_size_mm", add);
        if (!(view.SizeToleranceFraction >= 0 && view.SizeToleranceFraction < 1))
        {
            add($"{path}.size_tolerance", $"must be a fraction from 0 to below 1 (0.05 = 5 %), got {Num(view.SizeToleranceFraction)}");
        }

        if (!(view.PositionToleranceMm >= 0 && double.IsFinite(view.PositionToleranceMm)))
        {
            add($"{path}.position_tolerance_mm", $"must be 0 or more (mm the part may lie off its place when the view is not registered), got {Num(view.PositionToleranceMm)}");
        }

        if (view.Modality != Modality.Xray)
        {
            if (view.DarkImage is not null)
            {
                add($"{path}.dark_image", "dark-field calibration applies to X-ray views only");
            }

            if (view.FlatImage is not null)
            {
                add($"{path}.flat_image", "flat-field calibration applies to X-ray views only");
            }
        }

        if (view.EjectorPins is { } pins)
        {
            Positive(pins.MinDiameterMm, $"{path}.ejector_pin_marks.min_diameter_mm", add);
            Positive(pins.ToleranceMm, $"{path}.ejector_pin_marks.tolerance_mm", add);
            if (!(pins.MaxDiameterMm >= pins.MinDiameterMm))
            {
                add($"{path}.ejector_pin_marks.max_diameter_mm", $"must be at least min_diameter_mm ({Num(pins.MinDiameterMm)}), got {Num(pins.MaxDiameterMm)}");
            }
        }

        var extent = new RectMm(0, 0, view.WidthMm, view.HeightMm);
        if (view.ImageQuality is { } q)
        {
            Positive(q.MinContrastToNoise, $"{path}.image_quality.min_contrast_to_noise", add);
            Positive(q.MaxUnsharpnessPx, $"{path}.image_quality.max_unsharpness_px", add);
            Percent(q.MaxNoisePercent, $"{path}.image_quality.max_noise_percent", add);
            if (q.ReferenceRegionMm is { } r)
            {
                var field = $"{path}.image_quality.reference_region_mm";
                if (!(r.Width > 0 && r.Height > 0))
                {
                    add(field, $"width and height must be more than 0 mm, got {Num(r.Width)} × {Num(r.Height)}");
                }
                else if (IsFinite(extent) && !Inside(Polygon.FromRect(r), extent))
                {
                    add(field, $"lies outside the view ({Describe(extent)})");
                }
            }
        }

        if (view.Zones.Count == 0)
        {
            add($"{path}.zones", "no zones: a view needs at least one zone (use \"whole_image\": true for the whole view)");
        }

        CheckUniqueIds(view.Zones.Select(z => z.Id), i => $"{path}.zones[{Num(i)}].id", "zone", add);
        for (var i = 0; i < view.Zones.Count; i++)
        {
            ValidateZone(view.Zones[i], $"{path}.zones[{Num(i)}]", extent, add);
        }
    }

    private static void ValidateZone(Zone zone, string path, RectMm extent, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(zone.Name))
        {
            add($"{path}.name", "empty: give the zone a name engineers recognise");
        }

        if (!zone.WholeImage)
        {
            ValidatePolygon(zone.PolygonMm, $"{path}.polygon_mm", extent, add);
        }

        if (zone.Porosity is { } p)
        {
            ValidatePorosity(p, $"{path}.porosity", add);
        }

        if (zone.ColdShut is { } c)
        {
            var field = $"{path}.cold_shut";
            if (c.Allowed && zone.Criticality == Criticality.Structural)
            {
                add($"{field}.allowed", "a cold shut in a structural zone is always NOK: set allowed to false");
            }
            else if (c.Allowed && c.MaxLengthMm is { } max)
            {
                Positive(max, $"{field}.max_length_mm", add);
            }
            else if (!c.Allowed && c.MaxLengthMm is not null)
            {
                add($"{field}.max_length_mm", "has no effect while allowed is false");
            }
        }

        var review = zone.Review;
        if (!(review.MarginFraction >= 0 && review.MarginFraction <= MaxMarginFraction))
        {
            add($"{path}.review.margin_fraction", $"must be from 0 to {Num(MaxMarginFraction)} (0.1 = within 10 % of a limit), got {Num(review.MarginFraction)}");
        }

        Fraction(review.MinPorosityConfidence, $"{path}.review.min_porosity_confidence", add);
        Fraction(review.MinColdShutConfidence, $"{path}.review.min_cold_shut_confidence", add);
    }

    private static void ValidatePolygon(IReadOnlyList<PointMm> polygon, string field, RectMm extent, Action<string, string> add)
    {
        if (polygon.Count < 3)
        {
            add(field, $"needs at least 3 points, got {Num(polygon.Count)}");
            return;
        }

        var bad = polygon.ToList().FindIndex(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y));
        if (bad >= 0)
        {
            add($"{field}[{Num(bad)}]", "coordinates must be finite numbers");
            return;
        }

        if (Polygon.FindSelfIntersection(polygon) is { } crossing)
        {
            add(field, crossing.EdgeA == crossing.EdgeB
                ? $"point {Num(crossing.EdgeA)} repeats the next point"
                : $"self-intersecting: edge {Describe(polygon, crossing.EdgeA)} crosses edge {Describe(polygon, crossing.EdgeB)}");
            return;
        }

        if (Polygon.Area(polygon) <= 1e-9)
        {
            add(field, "encloses no area");
            return;
        }

        if (IsFinite(extent) && !Inside(polygon, extent))
        {
            var outside = polygon.Select((p, i) => (p, i)).First(t => !Inside(t.p, extent));
            add(field, $"lies outside the view: point {Num(outside.i)} ({Num(outside.p.X)}, {Num(outside.p.Y)}) mm is not within {Describe(extent)}");
        }
    }

    private static void ValidatePorosity(PorosityRules p, string path, Action<string, string> add)
    {
        if (!(p.DetectionFloorMm >= 0 && double.IsFinite(p.DetectionFloorMm)))
        {
            add($"{path}.detection_floor_mm", $"must be 0 mm or more, got {Num(p.DetectionFloorMm)}");
        }

        if (p.MaxPoreDiameterMm is { } max && Positive(max, $"{path}.max_pore_diameter_mm", add) && max <= p.DetectionFloorMm)
        {
            add($"{path}.max_pore_diameter_mm", $"{Num(max)} mm is not above detection_floor_mm {Num(p.DetectionFloorMm)} mm, so it could never fail");
        }

        if (p.ReferenceArea is { } area)
        {
            Positive(area.SizeMm, $"{path}.reference_area.size_mm", add);
            if (p.MaxPoreCount is null && p.MaxAreaPercent is null)
            {
                add($"{path}.reference_area", "has no effect without max_pore_count or max_area_percent");
            }
        }
        else if (p.MaxPoreCount is not null || p.MaxAreaPercent is not null)
        {
            add($"{path}.reference_area", "missing: max_pore_count and max_area_percent are counted inside a reference area (circle or square)");
        }

        if (p.MaxPoreCount is { } count && count < 0)
        {
            add($"{path}.max_pore_count", $"must be 0 or more, got {Num(count)}");
        }

        if (p.MaxAreaPercent is { } percent)
        {
            Percent(percent, $"{path}.max_area_percent", add);
        }

        if (p.MinSpacingMm is { } spacing)
        {
            Positive(spacing, $"{path}.min_spacing_mm", add);
            if (p.MaxPoreDiameterMm is null)
            {
                add($"{path}.min_spacing_mm", "has no effect without max_pore_diameter_mm (a cluster is judged by its envelope against it)");
            }
        }

        if (p.MinEdgeDistanceMm is { } edge)
        {
            Positive(edge, $"{path}.min_edge_distance_mm", add);
        }
    }
}

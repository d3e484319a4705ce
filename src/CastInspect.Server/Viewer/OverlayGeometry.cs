using CastInspect.Core.Geometry;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Viewer;

namespace CastInspect.Server.Viewer;

/// <summary>A zone outline drawn on a view image, in image pixels.</summary>
public sealed record ZoneOverlay(string Id, string Name, Verdict? Verdict, IReadOnlyList<PointPx> PolygonPx, PointPx LabelAt);

/// <summary>A defect drawn on a view image, with the rule findings that name it.</summary>
public sealed record DefectOverlay(DefectDetail Defect, IReadOnlyList<PointPx> OutlinePx, IReadOnlyList<RuleFinding> Findings)
{
    public Verdict Worst => Findings.Count == 0 ? Verdict.Ok : Findings.Max(f => f.Outcome);
}

/// <summary>
/// Maps a view's zones (mm in the reference frame) onto the inspected image: mm ÷ pixel size gives reference pixels, and the
/// inverse of the stored registration homography (image px → reference px) gives image pixels.
/// </summary>
public static class OverlayGeometry
{
    public static IReadOnlyList<ZoneOverlay> Zones(ViewDetail view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Frame is null)
        {
            return [];
        }

        var pixelMm = view.Transform?.PixelSizeMm is > 0 and var p ? p : view.Frame.PixelSizeMm;
        var inverse = Invert(view.Transform?.ImageToReference ?? [1, 0, 0, 0, 1, 0, 0, 0, 1]);
        if (pixelMm <= 0 || inverse is null)
        {
            return [];
        }

        var verdicts = view.Zones.ToDictionary(z => z.ZoneId, z => z.Verdict, StringComparer.Ordinal);
        return view.Frame.Zones
            .Where(z => z.PolygonMm.Count >= 3)
            .Select(z =>
            {
                var px = z.PolygonMm.Select(mm => Apply(inverse, mm.X / pixelMm, mm.Y / pixelMm)).ToList();
                var label = px.OrderBy(q => q.Y).ThenBy(q => q.X).First();
                return new ZoneOverlay(z.Id, z.Name, verdicts.TryGetValue(z.Id, out var v) ? v : null, px, new PointPx(label.X + 6, label.Y + 24));
            })
            .ToList();
    }

    public static IReadOnlyList<DefectOverlay> Defects(ViewDetail view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var findings = view.Zones.SelectMany(z => z.Findings).ToList();
        return view.Defects.Select(d => new DefectOverlay(
                d,
                d.OutlinePx.Count >= 3 ? d.OutlinePx : Box(d.BoundingBox),
                findings.Where(f => f.DefectIndices.Contains(d.Index)).ToList()))
            .ToList();
    }

    /// <summary>The affine part of image px → view mm, as an SVG <c>matrix(a b c d e f)</c>, for drawing an image in the mm frame.</summary>
    public static string? ImageToMmMatrix(ViewTransform? t, double fallbackPixelMm)
    {
        var h = t?.ImageToReference ?? [1, 0, 0, 0, 1, 0, 0, 0, 1];
        var s = t?.PixelSizeMm is > 0 and var p ? p : fallbackPixelMm;
        if (h.Count != 9 || s <= 0 || Math.Abs(h[8]) < 1e-12)
        {
            return null;
        }

        var k = s / h[8];
        return string.Join(' ', new[] { h[0] * k, h[3] * k, h[1] * k, h[4] * k, h[2] * k, h[5] * k }
            .Select(v => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)));
    }

    internal static double[]? Invert(IReadOnlyList<double> m)
    {
        if (m.Count != 9)
        {
            return null;
        }

        var det = (m[0] * ((m[4] * m[8]) - (m[5] * m[7]))) - (m[1] * ((m[3] * m[8]) - (m[5] * m[6]))) + (m[2] * ((m[3] * m[7]) - (m[4] * m[6])));
        if (Math.Abs(det) < 1e-12)
        {
            return null;
        }

        return
        [
            ((m[4] * m[8]) - (m[5] * m[7])) / det, ((m[2] * m[7]) - (m[1] * m[8])) / det, ((m[1] * m[5]) - (m[2] * m[4])) / det,
            ((m[5] * m[6]) - (m[3] * m[8])) / det, ((m[0] * m[8]) - (m[2] * m[6])) / det, ((m[2] * m[3]) - (m[0] * m[5])) / det,
            ((m[3] * m[7]) - (m[4] * m[6])) / det, ((m[1] * m[6]) - (m[0] * m[7])) / det, ((m[0] * m[4]) - (m[1] * m[3])) / det,
        ];
    }

    private static PointPx Apply(double[] h, double x, double y)
    {
        var w = (h[6] * x) + (h[7] * y) + h[8];
        return new PointPx(((h[0] * x) + (h[1] * y) + h[2]) / w, ((h[3] * x) + (h[4] * y) + h[5]) / w);
    }

    private static List<PointPx> Box(PixelBox b) =>
        [new(b.X, b.Y), new(b.X + b.Width, b.Y), new(b.X + b.Width, b.Y + b.Height), new(b.X, b.Y + b.Height)];
}

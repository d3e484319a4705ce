using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;

namespace CastInspect.Core.Verdicts;

/// <summary>The outline a zone is judged with, and the shapes of defects for membership and distances.</summary>
public static class ZoneGeometry
{
    private const int CircleVertices = 16;

    /// <summary>
    /// The zone's polygon; for a whole-image zone, the incoming image's extent when known, otherwise the view's nominal rectangle.
    /// </summary>
    public static IReadOnlyList<PointMm> Resolve(Zone zone, ViewDefinition view, RectMm? imageExtentMm)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(view);
        if (!zone.WholeImage)
        {
            return zone.PolygonMm;
        }

        return Polygon.FromRect(imageExtentMm ?? new RectMm(0, 0, view.WidthMm, view.HeightMm));
    }

    /// <summary>True when the defect's outline touches or overlaps the zone (a straddling defect lies in each zone it touches).</summary>
    public static bool Holds(Zone zone, IReadOnlyList<PointMm> zonePolygon, MeasuredDefect defect)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.WholeImage || Polygon.Overlaps(Shape(defect), zonePolygon);
    }

    /// <summary>The defect's outline in mm, or its equivalent circle when the outline is missing.</summary>
    public static IReadOnlyList<PointMm> Shape(MeasuredDefect defect)
    {
        ArgumentNullException.ThrowIfNull(defect);
        if (defect.OutlineMm.Count > 0)
        {
            return defect.OutlineMm;
        }

        var r = defect.EquivalentDiameterMm / 2;
        if (!(r > 0 && double.IsFinite(r)))
        {
            return [defect.CentroidMm];
        }

        return [.. Enumerable.Range(0, CircleVertices).Select(k =>
        {
            var a = 2 * Math.PI * k / CircleVertices;
            return new PointMm(defect.CentroidMm.X + (r * Math.Cos(a)), defect.CentroidMm.Y + (r * Math.Sin(a)));
        })];
    }
}

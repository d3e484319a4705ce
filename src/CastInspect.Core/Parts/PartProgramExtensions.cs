using CastInspect.Core.Geometry;

namespace CastInspect.Core.Parts;

public static class PartProgramExtensions
{
    /// <summary>
    /// The program with one view's pixel size replaced (e.g. <c>--pixel-size</c> for the generic program).
    /// Whole-image zones follow the new size; polygon zones keep their mm outlines.
    /// </summary>
    public static PartProgram WithPixelSize(this PartProgram program, string viewId, double pixelSizeMm)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelSizeMm);
        var found = false;
        var views = program.Views.Select(v =>
        {
            if (!string.Equals(v.Id, viewId, StringComparison.Ordinal))
            {
                return v;
            }

            found = true;
            var rect = Polygon.FromRect(new RectMm(0, 0, v.WidthPx * pixelSizeMm, v.HeightPx * pixelSizeMm));
            var zones = v.Zones.Select(z => z.WholeImage ? z with { PolygonMm = rect } : z).ToList();
            return v with { PixelSizeMm = pixelSizeMm, Zones = zones };
        }).ToList();
        return found ? program with { Views = views } : throw new ArgumentException($"no view '{viewId}' in part program {program.PartNumber}", nameof(viewId));
    }
}

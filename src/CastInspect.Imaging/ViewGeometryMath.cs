using CastInspect.Core.Geometry;

namespace CastInspect.Imaging;

/// <summary>The inverse of <see cref="ViewTransform"/>: view mm → image px, for placing zones and regions on an image.</summary>
public static class ViewGeometryMath
{
    public static PointPx ToImagePx(ViewTransform transform, PointMm p)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var h = Invert(transform.ImageToReference);
        var rx = p.X / transform.PixelSizeMm;
        var ry = p.Y / transform.PixelSizeMm;
        var w = (h[6] * rx) + (h[7] * ry) + h[8];
        return new PointPx(((h[0] * rx) + (h[1] * ry) + h[2]) / w, ((h[3] * rx) + (h[4] * ry) + h[5]) / w);
    }

    public static IReadOnlyList<PointPx> ToImagePx(ViewTransform transform, IEnumerable<PointMm> polygon) =>
        polygon.Select(p => ToImagePx(transform, p)).ToList();

    /// <summary>Inverse of a row-major 3×3 matrix.</summary>
    public static double[] Invert(IReadOnlyList<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var (a, b, c, d, e, f, g, h, i) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
        var det = (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
        if (Math.Abs(det) < 1e-12)
        {
            throw new ArgumentException("transform is singular", nameof(m));
        }

        return
        [
            ((e * i) - (f * h)) / det, ((c * h) - (b * i)) / det, ((b * f) - (c * e)) / det,
            ((f * g) - (d * i)) / det, ((a * i) - (c * g)) / det, ((c * d) - (a * f)) / det,
            ((d * h) - (e * g)) / det, ((b * g) - (a * h)) / det, ((a * e) - (b * d)) / det,
        ];
    }

    /// <summary>Even–odd point-in-polygon test.</summary>
    public static bool Contains(IReadOnlyList<PointMm> polygon, PointMm p)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var a = polygon[i];
            var b = polygon[j];
            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < ((b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}

namespace CastInspect.Core.Geometry;

/// <summary>Line-segment primitives used by <see cref="Polygon"/>.</summary>
internal static class Segment
{
    private const double Eps = 1e-12;

    public static double DistanceSquared(PointMm p, PointMm a, PointMm b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var len2 = (dx * dx) + (dy * dy);
        var t = len2 <= 0 ? 0 : Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / len2, 0, 1);
        var x = a.X + (t * dx) - p.X;
        var y = a.Y + (t * dy) - p.Y;
        return (x * x) + (y * y);
    }

    public static bool Collinear(PointMm a, PointMm b, PointMm c) => Math.Abs(Cross(a, b, c)) <= Eps * Scale(a, b, c);

    /// <summary>True when segments ab and cd share at least one point.</summary>
    public static bool Intersect(PointMm a, PointMm b, PointMm c, PointMm d)
    {
        var d1 = Sign(Cross(c, d, a), c, d, a);
        var d2 = Sign(Cross(c, d, b), c, d, b);
        var d3 = Sign(Cross(a, b, c), a, b, c);
        var d4 = Sign(Cross(a, b, d), a, b, d);
        if (d1 * d2 < 0 && d3 * d4 < 0)
        {
            return true;
        }

        return (d1 == 0 && OnSegment(c, d, a))
            || (d2 == 0 && OnSegment(c, d, b))
            || (d3 == 0 && OnSegment(a, b, c))
            || (d4 == 0 && OnSegment(a, b, d));
    }

    private static double Cross(PointMm o, PointMm a, PointMm b) =>
        ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));

    private static double Scale(PointMm a, PointMm b, PointMm c) =>
        1 + Math.Max(Math.Max(Math.Abs(a.X), Math.Abs(a.Y)), Math.Max(Math.Max(Math.Abs(b.X), Math.Abs(b.Y)), Math.Max(Math.Abs(c.X), Math.Abs(c.Y))));

    private static int Sign(double cross, PointMm a, PointMm b, PointMm c)
    {
        var s = Scale(a, b, c);
        return Math.Abs(cross) <= Eps * s * s ? 0 : Math.Sign(cross);
    }

    private static bool OnSegment(PointMm a, PointMm b, PointMm p) =>
        p.X >= Math.Min(a.X, b.X) - Eps && p.X <= Math.Max(a.X, b.X) + Eps
        && p.Y >= Math.Min(a.Y, b.Y) - Eps && p.Y <= Math.Max(a.Y, b.Y) + Eps;
}

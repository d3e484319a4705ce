namespace CastInspect.Core.Geometry;

/// <summary>
/// The smallest circle holding every point (the envelope of a pore cluster). Convex hull first, then the incremental
/// Welzl construction on the hull vertices; exact up to floating-point rounding, and independent of the input order.
/// </summary>
public static class EnclosingCircle
{
    public static Circle Of(IEnumerable<PointMm> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var hull = ConvexHull(points);
        if (hull.Count == 0)
        {
            return new Circle(new PointMm(0, 0), 0);
        }

        var c = new Circle(hull[0], 0);
        for (var i = 1; i < hull.Count; i++)
        {
            if (Inside(c, hull[i]))
            {
                continue;
            }

            c = new Circle(hull[i], 0);
            for (var j = 0; j < i; j++)
            {
                if (Inside(c, hull[j]))
                {
                    continue;
                }

                c = Diametral(hull[i], hull[j]);
                for (var k = 0; k < j; k++)
                {
                    if (!Inside(c, hull[k]))
                    {
                        c = Circumscribed(hull[i], hull[j], hull[k]);
                    }
                }
            }
        }

        return c;
    }

    /// <summary>Convex hull (Andrew's monotone chain), counter-clockwise in a y-up frame, without collinear points.</summary>
    public static IReadOnlyList<PointMm> ConvexHull(IEnumerable<PointMm> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var p = points.Distinct().OrderBy(q => q.X).ThenBy(q => q.Y).ToList();
        if (p.Count < 3)
        {
            return p;
        }

        var hull = new PointMm[2 * p.Count];
        var k = 0;
        for (var i = 0; i < p.Count; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0)
            {
                k--;
            }

            hull[k++] = p[i];
        }

        for (int i = p.Count - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0)
            {
                k--;
            }

            hull[k++] = p[i];
        }

        return hull[..(k - 1)];
    }

    private static bool Inside(Circle c, PointMm p) => Circle.Distance(c.Centre, p) <= c.Radius * (1 + 1e-12) + 1e-12;

    private static double Cross(PointMm o, PointMm a, PointMm b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));

    private static Circle Diametral(PointMm a, PointMm b)
    {
        var centre = new PointMm((a.X + b.X) / 2, (a.Y + b.Y) / 2);
        return new Circle(centre, Math.Max(Circle.Distance(centre, a), Circle.Distance(centre, b)));
    }

    private static Circle Circumscribed(PointMm a, PointMm b, PointMm c)
    {
        var bx = b.X - a.X;
        var by = b.Y - a.Y;
        var cx = c.X - a.X;
        var cy = c.Y - a.Y;
        var d = 2 * ((bx * cy) - (by * cx));
        if (Math.Abs(d) < 1e-18)
        {
            // Collinear: the circle over the two farthest points.
            var ab = Diametral(a, b);
            var ac = Diametral(a, c);
            var bc = Diametral(b, c);
            return ab.Radius >= ac.Radius && ab.Radius >= bc.Radius ? ab : ac.Radius >= bc.Radius ? ac : bc;
        }

        var ux = ((cy * ((bx * bx) + (by * by))) - (by * ((cx * cx) + (cy * cy)))) / d;
        var uy = ((bx * ((cx * cx) + (cy * cy))) - (cx * ((bx * bx) + (by * by)))) / d;
        var centre = new PointMm(a.X + ux, a.Y + uy);
        var r = Math.Max(Circle.Distance(centre, a), Math.Max(Circle.Distance(centre, b), Circle.Distance(centre, c)));
        return new Circle(centre, r);
    }
}

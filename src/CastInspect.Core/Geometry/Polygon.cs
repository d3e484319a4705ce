namespace CastInspect.Core.Geometry;

/// <summary>
/// Plane geometry on polygons in the view frame (mm). A polygon is a closed ring of vertices, the last joined to the
/// first; vertex order may be clockwise or counter-clockwise.
/// </summary>
public static class Polygon
{
    /// <summary>Area enclosed by a simple polygon (shoelace formula), always ≥ 0.</summary>
    public static double Area(IReadOnlyList<PointMm> polygon) => Math.Abs(SignedArea(polygon));

    /// <summary>Shoelace area: positive when the vertices run counter-clockwise in a y-up frame.</summary>
    public static double SignedArea(IReadOnlyList<PointMm> polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var sum = 0.0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            sum += (a.X * b.Y) - (b.X * a.Y);
        }

        return sum / 2.0;
    }

    /// <summary>Axis-aligned bounds of the vertices.</summary>
    public static RectMm Bounds(IReadOnlyList<PointMm> polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        if (polygon.Count == 0)
        {
            return new RectMm(0, 0, 0, 0);
        }

        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var p in polygon)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }

        return new RectMm(minX, minY, maxX - minX, maxY - minY);
    }

    /// <summary>The rectangle as a four-vertex polygon.</summary>
    public static IReadOnlyList<PointMm> FromRect(RectMm r) =>
    [
        new(r.X, r.Y),
        new(r.X + r.Width, r.Y),
        new(r.X + r.Width, r.Y + r.Height),
        new(r.X, r.Y + r.Height),
    ];

    /// <summary>True when the point is inside the polygon or on its edge (even-odd rule).</summary>
    public static bool Contains(IReadOnlyList<PointMm> polygon, PointMm p)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var n = polygon.Count;
        if (n < 3)
        {
            return false;
        }

        var inside = false;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            var a = polygon[i];
            var b = polygon[j];
            if (Segment.DistanceSquared(p, a, b) <= 1e-18)
            {
                return true;
            }

            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < ((b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Shortest distance from the point to the polygon's outline (whether the point is inside or outside).</summary>
    public static double DistanceToEdge(IReadOnlyList<PointMm> polygon, PointMm p)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var best = double.PositiveInfinity;
        for (var i = 0; i < polygon.Count; i++)
        {
            best = Math.Min(best, Segment.DistanceSquared(p, polygon[i], polygon[(i + 1) % polygon.Count]));
        }

        return Math.Sqrt(best);
    }

    /// <summary>
    /// Smallest distance between the outlines of <paramref name="inner"/> and <paramref name="outer"/>, 0 when they touch or cross.
    /// For a defect outline inside a zone this is the defect's distance from the zone edge.
    /// </summary>
    public static double DistanceBetweenOutlines(IReadOnlyList<PointMm> inner, IReadOnlyList<PointMm> outer)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outer);
        var best = double.PositiveInfinity;
        for (var i = 0; i < inner.Count; i++)
        {
            var a = inner[i];
            var b = inner[(i + 1) % inner.Count];
            for (var j = 0; j < outer.Count; j++)
            {
                var c = outer[j];
                var d = outer[(j + 1) % outer.Count];
                if (Segment.Intersect(a, b, c, d))
                {
                    return 0;
                }

                best = Math.Min(best, Math.Min(
                    Math.Min(Segment.DistanceSquared(a, c, d), Segment.DistanceSquared(b, c, d)),
                    Math.Min(Segment.DistanceSquared(c, a, b), Segment.DistanceSquared(d, a, b))));
            }
        }

        return Math.Sqrt(best);
    }

    /// <summary>
    /// True when the two polygons share any area or touch: an edge of one crosses the other, or one lies inside the other.
    /// </summary>
    public static bool Overlaps(IReadOnlyList<PointMm> a, IReadOnlyList<PointMm> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        if (a.Count == 1)
        {
            return Contains(b, a[0]);
        }

        if (b.Count == 1)
        {
            return Contains(a, b[0]);
        }

        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (Segment.Intersect(a[i], a[(i + 1) % a.Count], b[j], b[(j + 1) % b.Count]))
                {
                    return true;
                }
            }
        }

        return Contains(b, a[0]) || Contains(a, b[0]);
    }

    /// <summary>
    /// Finds the first pair of non-adjacent edges that touch or cross, or a zero-length edge. Null when the polygon is simple.
    /// </summary>
    public static (int EdgeA, int EdgeB)? FindSelfIntersection(IReadOnlyList<PointMm> polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var n = polygon.Count;
        for (var i = 0; i < n; i++)
        {
            if (polygon[i] == polygon[(i + 1) % n])
            {
                return (i, i);
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                bool hit;
                if (j == i + 1)
                {
                    hit = FoldsBack(polygon[i], polygon[j], polygon[(j + 1) % n]);
                }
                else if (i == 0 && j == n - 1)
                {
                    hit = FoldsBack(polygon[j], polygon[0], polygon[1]);
                }
                else
                {
                    hit = Segment.Intersect(polygon[i], polygon[(i + 1) % n], polygon[j], polygon[(j + 1) % n]);
                }

                if (hit)
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    /// <summary>True when the polygon has no crossing or touching edges.</summary>
    public static bool IsSimple(IReadOnlyList<PointMm> polygon) => FindSelfIntersection(polygon) is null;

    // Two edges meeting at a shared vertex overlap only when the outline turns straight back on itself.
    private static bool FoldsBack(PointMm before, PointMm shared, PointMm after) =>
        Segment.Collinear(before, shared, after)
        && (((before.X - shared.X) * (after.X - shared.X)) + ((before.Y - shared.Y) * (after.Y - shared.Y))) > 0;
}

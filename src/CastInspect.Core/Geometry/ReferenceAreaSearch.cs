namespace CastInspect.Core.Geometry;

/// <summary>Where the reference area holds the most, and what it holds.</summary>
/// <param name="Total">Sum of the weights of the points inside (their count when every weight is 1).</param>
/// <param name="Centre">Centre of the placement.</param>
/// <param name="Members">Indices of the points inside.</param>
public sealed record Placement(double Total, PointMm Centre, IReadOnlyList<int> Members);

/// <summary>
/// The maximum, over every placement of a circle or axis-aligned square anywhere in the plane, of the summed weights
/// of the points inside it (closed: a point on the boundary is inside). Exact, not sampled:
/// <list type="bullet">
/// <item>Circle of diameter D: some optimal circle has a point on its boundary, so for each point the circle is swept
/// round it (an angular sweep over the arcs of centres that take in each neighbour within D): O(n² log n).</item>
/// <item>Square of side S: some optimal square has a point on its left edge and a point on its top edge, so for each left
/// point the points in that vertical strip are swept by y: O(n² log n).</item>
/// </list>
/// Points within 1e-9 × the size of the boundary count as inside (rounding).
/// </summary>
public static class ReferenceAreaSearch
{
    private const double RelativeTolerance = 1e-9;

    public static Placement MaxInCircle(IReadOnlyList<PointMm> points, IReadOnlyList<double> weights, double diameterMm)
    {
        Check(points, weights, diameterMm);
        var r = diameterMm / 2;
        var tolerance = RelativeTolerance * r;
        var reach = diameterMm + (2 * tolerance);
        var byX = Enumerable.Range(0, points.Count).OrderBy(i => points[i].X).ThenBy(i => i).ToArray();
        var xs = byX.Select(i => points[i].X).ToArray();
        var best = new Placement(0, default, []);
        var events = new List<(double Angle, int Order, double Delta)>();
        var near = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            near.Clear();
            events.Clear();
            for (var k = LowerBound(xs, p.X - reach); k < xs.Length && xs[k] <= p.X + reach; k++)
            {
                var j = byX[k];
                var d = Circle.Distance(p, points[j]);
                if (d > reach)
                {
                    continue;
                }

                near.Add(j);
                if (j == i || d == 0)
                {
                    continue;
                }

                var a = Math.Atan2(points[j].Y - p.Y, points[j].X - p.X);
                var b = Math.Acos(Math.Min(1, d / diameterMm));
                var start = a - b;
                start -= Math.Floor(start / (2 * Math.PI)) * 2 * Math.PI;
                var end = start + (2 * b);
                events.Add((start, 0, weights[j]));
                events.Add((end, 1, -weights[j]));
                events.Add((start + (2 * Math.PI), 0, weights[j]));
                events.Add((end + (2 * Math.PI), 1, -weights[j]));
            }

            // Any circle through p holds only points within D of p, so membership is checked among those.
            best = Better(best, Collect(points, weights, near, q => Circle.Distance(p, q) <= r + tolerance, p));
            if (events.Count > 0)
            {
                events.Sort((x, y) => x.Angle != y.Angle ? x.Angle.CompareTo(y.Angle) : x.Order.CompareTo(y.Order));
                double running = 0, top = double.NegativeInfinity, topAngle = 0;
                foreach (var e in events)
                {
                    running += e.Delta;
                    if (e.Order == 0 && running > top)
                    {
                        (top, topAngle) = (running, e.Angle);
                    }
                }

                var centre = new PointMm(p.X + (r * Math.Cos(topAngle)), p.Y + (r * Math.Sin(topAngle)));
                best = Better(best, Collect(points, weights, near, q => Circle.Distance(centre, q) <= r + tolerance, centre));
            }
        }

        return best;
    }

    public static Placement MaxInSquare(IReadOnlyList<PointMm> points, IReadOnlyList<double> weights, double sideMm)
    {
        Check(points, weights, sideMm);
        var tolerance = RelativeTolerance * sideMm;
        var byX = Enumerable.Range(0, points.Count).OrderBy(i => points[i].X).ToArray();
        var best = new Placement(0, default, []);
        for (var a = 0; a < byX.Length; a++)
        {
            var left = points[byX[a]].X;
            var strip = byX.Skip(a).TakeWhile(i => points[i].X <= left + sideMm + tolerance).OrderBy(i => points[i].Y).ToArray();
            double running = 0;
            var bottom = 0;
            for (var top = 0; top < strip.Length; top++)
            {
                var y0 = points[strip[top]].Y;
                while (bottom < strip.Length && points[strip[bottom]].Y <= y0 + sideMm + tolerance)
                {
                    running += weights[strip[bottom++]];
                }

                if (running > best.Total)
                {
                    var x0 = left;
                    var centre = new PointMm(x0 + (sideMm / 2), y0 + (sideMm / 2));
                    best = Better(best, Collect(
                        points,
                        weights,
                        strip,
                        q => q.X >= x0 - tolerance && q.X <= x0 + sideMm + tolerance && q.Y >= y0 - tolerance && q.Y <= y0 + sideMm + tolerance,
                        centre));
                }

                running -= weights[strip[top]];
            }
        }

        return best;
    }

    private static Placement Better(Placement a, Placement b) => b.Total > a.Total ? b : a;

    private static Placement Collect(IReadOnlyList<PointMm> points, IReadOnlyList<double> weights, IEnumerable<int> among, Func<PointMm, bool> inside, PointMm centre)
    {
        var members = among.Where(i => inside(points[i])).Order().ToList();
        return new Placement(members.Sum(i => weights[i]), centre, members);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void Check(IReadOnlyList<PointMm> points, IReadOnlyList<double> weights, double size)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (points.Count != weights.Count)
        {
            throw new ArgumentException("one weight per point", nameof(weights));
        }
    }
}

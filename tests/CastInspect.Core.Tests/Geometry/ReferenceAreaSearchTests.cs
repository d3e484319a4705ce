using CastInspect.Core.Geometry;
using CsCheck;

namespace CastInspect.Core.Tests.Geometry;

public class ReferenceAreaSearchTests
{
    /// <summary>The search's documented rounding allowance, relative to the radius or side.</summary>
    private const double Tolerance = 1e-9;

    private static readonly Gen<PointMm[]> GenPoints =
        Gen.Select(Gen.Double[0, 30], Gen.Double[0, 30]).Select((x, y) => new PointMm(x, y)).Array[0, 14];

    [Fact]
    public void MaxInCircle_MatchesAnIndependentCandidateSearch()
    {
        Gen.Select(GenPoints, Gen.Double[2, 15]).Sample(
            (points, diameter) =>
            {
                var weights = points.Select((_, i) => 1.0 + (i % 3)).ToArray();

                var best = ReferenceAreaSearch.MaxInCircle(points, weights, diameter);

                Assert.Equal(OracleCircle(points, weights, diameter), best.Total, 9);
                Assert.All(best.Members, i => Assert.True(Circle.Distance(best.Centre, points[i]) <= (diameter / 2) + 1e-6));
            },
            iter: 300);
    }

    [Fact]
    public void MaxInSquare_MatchesAnIndependentCandidateSearch()
    {
        Gen.Select(GenPoints, Gen.Double[2, 15]).Sample(
            (points, side) =>
            {
                var weights = points.Select((_, i) => 1.0 + (i % 3)).ToArray();

                var best = ReferenceAreaSearch.MaxInSquare(points, weights, side);

                Assert.Equal(OracleSquare(points, weights, side), best.Total, 9);
            },
            iter: 300);
    }

    [Fact]
    public void MaxInCircle_RingOfFour_CentreBetweenThePoints()
    {
        PointMm[] points = [new(4.95, 0), new(0, 4.95), new(-4.95, 0), new(0, -4.95)];

        var best = ReferenceAreaSearch.MaxInCircle(points, [1, 1, 1, 1], 10);

        Assert.Equal(4, best.Total);
        Assert.Equal(0, best.Centre.X, 1);
        Assert.Equal(0, best.Centre.Y, 1);
    }

    [Fact]
    public void MaxInCircle_TwoPointsOneDiameterApartByRounding_BothCount()
    {
        PointMm[] points = [new(0, 5.997e-7), new(11, 0)];

        var best = ReferenceAreaSearch.MaxInCircle(points, [1, 2], 11);

        Assert.Equal(3, best.Total);
        Assert.Equal(5.5, best.Centre.X, 6);
    }

    [Fact]
    public void MaxInCircle_NoPoints_IsZero() =>
        Assert.Equal(0, ReferenceAreaSearch.MaxInCircle([], [], 10).Total);

    // O(n³): every centre on a point or where two circles of radius D/2 round two points cross; inside within the
    // search's documented tolerance.
    private static double OracleCircle(PointMm[] p, double[] w, double d)
    {
        var r = d / 2;
        var centres = new List<PointMm>(p);
        for (var i = 0; i < p.Length; i++)
        {
            for (var j = i + 1; j < p.Length; j++)
            {
                var dist = Circle.Distance(p[i], p[j]);
                if (dist == 0 || dist > d * (1 + Tolerance))
                {
                    continue;
                }

                var mid = new PointMm((p[i].X + p[j].X) / 2, (p[i].Y + p[j].Y) / 2);
                var h = Math.Sqrt(Math.Max(0, (r * r) - (dist * dist / 4)));
                var ux = (p[j].Y - p[i].Y) / dist;
                var uy = -(p[j].X - p[i].X) / dist;
                centres.Add(new PointMm(mid.X + (h * ux), mid.Y + (h * uy)));
                centres.Add(new PointMm(mid.X - (h * ux), mid.Y - (h * uy)));
            }
        }

        return centres.Select(c => p.Select((q, i) => Circle.Distance(c, q) <= r * (1 + Tolerance) ? w[i] : 0).Sum()).DefaultIfEmpty(0).Max();
    }

    private static double OracleSquare(PointMm[] p, double[] w, double s) =>
        p.SelectMany(a => p.Select(b => (X: a.X, Y: b.Y)))
            .Select(c => p.Select((q, i) => q.X >= c.X - (Tolerance * s) && q.X <= c.X + (s * (1 + Tolerance)) && q.Y >= c.Y - (Tolerance * s) && q.Y <= c.Y + (s * (1 + Tolerance)) ? w[i] : 0).Sum())
            .DefaultIfEmpty(0)
            .Max();
}

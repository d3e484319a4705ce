using CastInspect.Core.Geometry;
using CsCheck;

namespace CastInspect.Core.Tests.Geometry;

public class EnclosingCircleTests
{
    [Fact]
    public void Of_TwoPoints_IsTheirDiametralCircle()
    {
        var c = EnclosingCircle.Of([new PointMm(0, 0), new PointMm(4, 0)]);

        Assert.Equal(4, c.Diameter, 9);
        Assert.Equal(new PointMm(2, 0), c.Centre);
    }

    [Fact]
    public void Of_EquilateralTriangle_IsTheCircumcircle()
    {
        var c = EnclosingCircle.Of([new PointMm(0, 0), new PointMm(2, 0), new PointMm(1, Math.Sqrt(3))]);

        Assert.Equal(4 / Math.Sqrt(3), c.Diameter, 9);
    }

    [Fact]
    public void Of_RandomPoints_HoldsAllAndIsNoLargerThanAnyCandidate()
    {
        Gen.Select(Gen.Double[-10, 10], Gen.Double[-10, 10]).Select((x, y) => new PointMm(x, y)).Array[1, 8].Sample(
            points =>
            {
                var c = EnclosingCircle.Of(points);

                Assert.All(points, p => Assert.True(c.Contains(p, 1e-9)));
                Assert.Equal(SmallestByBruteForce(points), c.Radius, 9);
            },
            iter: 300);
    }

    private static double SmallestByBruteForce(PointMm[] p)
    {
        var best = double.PositiveInfinity;
        void Try(PointMm centre)
        {
            var r = p.Max(q => Circle.Distance(centre, q));
            best = Math.Min(best, r);
        }

        if (p.Length == 1)
        {
            return 0;
        }

        for (var i = 0; i < p.Length; i++)
        {
            for (var j = i + 1; j < p.Length; j++)
            {
                Try(new PointMm((p[i].X + p[j].X) / 2, (p[i].Y + p[j].Y) / 2));
                for (var k = j + 1; k < p.Length; k++)
                {
                    var (a, b, c) = (p[i], p[j], p[k]);
                    var d = 2 * ((a.X * (b.Y - c.Y)) + (b.X * (c.Y - a.Y)) + (c.X * (a.Y - b.Y)));
                    if (Math.Abs(d) < 1e-12)
                    {
                        continue;
                    }

                    var a2 = (a.X * a.X) + (a.Y * a.Y);
                    var b2 = (b.X * b.X) + (b.Y * b.Y);
                    var c2 = (c.X * c.X) + (c.Y * c.Y);
                    Try(new PointMm(((a2 * (b.Y - c.Y)) + (b2 * (c.Y - a.Y)) + (c2 * (a.Y - b.Y))) / d, ((a2 * (c.X - b.X)) + (b2 * (a.X - c.X)) + (c2 * (b.X - a.X))) / d));
                }
            }
        }

        return best;
    }
}

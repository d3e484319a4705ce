using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Inference.Manifest;

namespace CastInspect.Pipeline.Tests;

/// <summary>Where a component's second look cuts its patches: the centroid's, and with along_component the outline's.</summary>
public class SecondLookScreenOriginsTests
{
    private static SecondLookSpec Look(bool along) => new("look.onnx", "00", "cold_shut", 64, "patch", "score", 0.7, 32, AlongComponent: along);

    /// <summary>A quarter circle of radius 100 px about (0, 0): its centroid lies about 30 px inside the arc.</summary>
    private static MeasuredDefect Arc()
    {
        var outline = Enumerable.Range(0, 91).Select(a => new PointPx(100 * Math.Cos(a * Math.PI / 180), 100 * Math.Sin(a * Math.PI / 180))).ToList();
        return new MeasuredDefect(0, DefectClass.ColdShut, new PixelBox(0, 0, 101, 101), new PointPx(64, 64), new PointMm(5, 5), 300, 1.9, 1.6, 15, 0.9, 1, [], outline);
    }

    [Fact]
    public void PatchOrigins_CentroidOnly_OnePatchOnTheCentroid()
    {
        var origins = SecondLookScreen.PatchOrigins(Arc(), Look(along: false));

        Assert.Equal([(32, 32)], origins);
    }

    [Fact]
    public void PatchOrigins_AlongALongArc_CentroidAndPatchesOnTheArcHalfAPatchApart()
    {
        var origins = SecondLookScreen.PatchOrigins(Arc(), Look(along: true));

        Assert.Equal((32, 32), origins[0]);
        var centres = origins.Skip(1).Select(o => (X: o.X + 32, Y: o.Y + 32)).ToList();
        Assert.Equal(7, centres.Count);
        Assert.All(centres, c => Assert.InRange(Math.Sqrt((c.X * c.X) + (c.Y * c.Y)), 99, 101.5));
        Assert.All(centres.SelectMany((a, i) => centres.Skip(i + 1).Select(b => Math.Abs(a.X - b.X) + Math.Abs(a.Y - b.Y))), d => Assert.True(d >= 30));
    }

    [Fact]
    public void PatchOrigins_ShortComponentAlong_CentroidPatchOnly()
    {
        var shortShut = Arc() with { BoundingBox = new PixelBox(50, 50, 30, 4), OutlinePx = [new(50, 50), new(80, 50), new(80, 54), new(50, 54)] };

        Assert.Single(SecondLookScreen.PatchOrigins(shortShut, Look(along: true)));
    }
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Imaging.Measurement;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Measurement;

public sealed class DefectExtractorLinkingTests
{
    private const int Size = 200;
    private const double PixelMm = 0.1;

    /// <summary>A 3 px seam along y = 100 the model saw in three 40 px pieces with 6 px gaps (x 20–59, 66–105,
    /// 112–151), and two 4 px pores 6 px apart.</summary>
    private static float[] SeamInPiecesAndTwoPores()
    {
        var probs = new float[3 * Size * Size];
        using var porosity = new Mat(Size, Size, MatType.CV_32FC1, Scalar.All(0));
        using var coldShut = new Mat(Size, Size, MatType.CV_32FC1, Scalar.All(0));
        foreach (var x in new[] { 20, 66, 112 })
        {
            Cv2.Rectangle(coldShut, new Rect(x, 99, 40, 3), Scalar.All(0.95), -1);
        }

        Cv2.Rectangle(porosity, new Rect(40, 40, 4, 4), Scalar.All(0.95), -1);
        Cv2.Rectangle(porosity, new Rect(50, 40, 4, 4), Scalar.All(0.95), -1);
        porosity.AsSpan<float>().CopyTo(probs.AsSpan(Size * Size));
        coldShut.AsSpan<float>().CopyTo(probs.AsSpan(2 * Size * Size));
        return probs;
    }

    private static IReadOnlyList<MeasuredDefect> Extract(double? linkMm)
    {
        var options = DefectExtractionOptions.Default with
        {
            MinAreaPxByClass = new Dictionary<DefectClass, int> { [DefectClass.ColdShut] = 200 },
            LinkDistanceMmByClass = linkMm is { } mm ? new Dictionary<DefectClass, double> { [DefectClass.ColdShut] = mm } : new Dictionary<DefectClass, double>(),
        };
        return DefectExtractor.Extract(SeamInPiecesAndTwoPores(), Size, Size, [0f, 0.5f, 0.5f], ViewTransform.Identity(PixelMm), options);
    }

    [Fact]
    public void Extract_SeamInPiecesLinkedWithinALinkDistance_OneColdShutOfItsWholeLength()
    {
        var seam = Assert.Single(Extract(linkMm: 1.0), d => d.Class == DefectClass.ColdShut);

        Assert.False(seam.Screened);
        Assert.InRange(seam.LengthMm, 13.1, 13.3);
        Assert.Equal(3 * 40 * 3, seam.AreaPx);
        Assert.Equal(new PixelBox(20, 99, 132, 3), seam.BoundingBox);
        Assert.Equal(85.5, seam.CentroidPx.X, 6);
        Assert.InRange(seam.OutlinePx.Max(p => p.X) - seam.OutlinePx.Min(p => p.X), 130, 131);
    }

    [Fact]
    public void Extract_SeamInPiecesWithoutLinking_ThreeFragmentsUnderTheNoiseFloor()
    {
        var pieces = Extract(linkMm: null).Where(d => d.Class == DefectClass.ColdShut).ToList();

        Assert.Equal(3, pieces.Count);
        Assert.All(pieces, p => Assert.True(p.Screened));
        Assert.All(pieces, p => Assert.InRange(p.LengthMm, 4.0, 4.1));
    }

    [Fact]
    public void Extract_GapsWiderThanTheLinkDistance_StayFragments()
    {
        Assert.Equal(3, Extract(linkMm: 0.4).Count(d => d.Class == DefectClass.ColdShut));
    }

    [Fact]
    public void Extract_ColdShutsLinked_PoresOfTheSameViewStaySeparate()
    {
        Assert.Equal(2, Extract(linkMm: 1.0).Count(d => d.Class == DefectClass.Porosity));
    }
}

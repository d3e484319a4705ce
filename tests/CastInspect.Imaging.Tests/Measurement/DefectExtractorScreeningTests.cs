using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Measurement;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Measurement;

/// <summary>Cold-shut components the model marks that are not cold shuts by their shape: ejector-pin witness rings
/// and rounded indications.</summary>
public sealed class DefectExtractorScreeningTests
{
    private const int Size = 200;
    private const double PixelMm = 0.08;

    private static readonly EjectorPinMarks Pins = new(6, 12);

    private static float[] ColdShutChannel(Action<Mat> draw)
    {
        var probs = new float[3 * Size * Size];
        using var coldShut = new Mat(Size, Size, MatType.CV_32FC1, Scalar.All(0));
        draw(coldShut);
        coldShut.AsSpan<float>().CopyTo(probs.AsSpan(2 * Size * Size));
        return probs;
    }

    private static MeasuredDefect ExtractOne(float[] probs, DefectExtractionOptions options) =>
        Assert.Single(DefectExtractor.Extract(probs, Size, Size, [0f, 0.5f, 0.5f], ViewTransform.Identity(PixelMm), options));

    /// <summary>A 130° arc, 3 px wide, of a circle of radius <paramref name="radiusPx"/> whose top is at y 40.</summary>
    private static float[] Arc(int radiusPx) => ColdShutChannel(m =>
        Cv2.Ellipse(m, new Point(100, 40 + radiusPx), new Size(radiusPx, radiusPx), 0, 205, 335, Scalar.All(0.99), 3));

    [Fact]
    public void Extract_ColdShutOnACircleOfAPinsDiameter_ScreenedAsAWitnessMark()
    {
        var mark = ExtractOne(Arc(56), DefectExtractionOptions.Default with { EjectorPins = Pins });

        Assert.True(mark.Screened);
        Assert.Matches(@"^ejector-pin witness mark: lies on a circle of Ø (8\.[89]|9\.0) mm \(part program ejector_pin_marks\)$", mark.ScreenReason);
    }

    [Fact]
    public void Extract_SameArcWithoutEjectorPins_StaysAColdShut()
    {
        var seam = ExtractOne(Arc(56), DefectExtractionOptions.Default);

        Assert.False(seam.Screened);
        Assert.Null(seam.ScreenReason);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(30)]
    public void Extract_ArcOfACircleNoPinHas_StaysAColdShut(int radiusPx)
    {
        var seam = ExtractOne(Arc(radiusPx), DefectExtractionOptions.Default with { EjectorPins = Pins });

        Assert.False(seam.Screened, seam.ScreenReason);
    }

    [Fact]
    public void Extract_StraightSeamWithEjectorPins_StaysAColdShut()
    {
        var probs = ColdShutChannel(m => Cv2.Line(m, new Point(20, 50), new Point(170, 60), Scalar.All(0.99), 3));

        var seam = ExtractOne(probs, DefectExtractionOptions.Default with { EjectorPins = Pins });

        Assert.False(seam.Screened, seam.ScreenReason);
    }

    private static DefectExtractionOptions Linear(double ratio) => DefectExtractionOptions.Default with
    {
        MinAspectRatioByClass = new Dictionary<DefectClass, double> { [DefectClass.ColdShut] = ratio },
    };

    [Fact]
    public void Extract_RoundColdShutWithLeastAspectRatio_ScreenedAsNoLinearIndication()
    {
        var probs = ColdShutChannel(m => Cv2.Circle(m, new Point(100, 100), 12, Scalar.All(0.99), -1));

        var blob = ExtractOne(probs, Linear(3));

        Assert.True(blob.Screened);
        Assert.StartsWith("not a linear indication: 2.0 mm long, under 3 × its width 1.", blob.ScreenReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SeamWithLeastAspectRatio_MeasuresItsWidthAndStaysAColdShut()
    {
        var probs = ColdShutChannel(m => Cv2.Line(m, new Point(20, 50), new Point(170, 50), Scalar.All(0.99), 3));

        var seam = ExtractOne(probs, Linear(3));

        Assert.False(seam.Screened);
        Assert.InRange(seam.WidthMm, 3 * PixelMm, 5 * PixelMm);
        Assert.InRange(seam.LengthMm, 150 * PixelMm, 156 * PixelMm);
    }

    [Fact]
    public void Extract_RoundPoreWithAColdShutAspectRatio_StaysAPore()
    {
        var probs = ColdShutChannel(_ => { });
        using (var pores = new Mat(Size, Size, MatType.CV_32FC1, Scalar.All(0)))
        {
            Cv2.Circle(pores, new Point(100, 100), 12, Scalar.All(0.99), -1);
            pores.AsSpan<float>().CopyTo(probs.AsSpan(Size * Size));
        }

        var pore = ExtractOne(probs, Linear(3));

        Assert.Equal(DefectClass.Porosity, pore.Class);
        Assert.False(pore.Screened);
    }
}

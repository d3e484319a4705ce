using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Imaging.Measurement;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Measurement;

public sealed class DefectExtractorTests
{
    private const int Size = 200;

    private static float[] Probabilities(Action<Mat> drawPorosity, Action<Mat>? drawColdShut = null)
    {
        var probs = new float[3 * Size * Size];
        using var porosity = new Mat(Size, Size, MatType.CV_32FC1, Scalar.All(0));
        using var coldShut = new Mat(Size, Size, MatType.CV_32FC1, Scalar.All(0));
        drawPorosity(porosity);
        drawColdShut?.Invoke(coldShut);
        porosity.AsSpan<float>().CopyTo(probs.AsSpan(Size * Size));
        coldShut.AsSpan<float>().CopyTo(probs.AsSpan(2 * Size * Size));
        return probs;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.2)]
    [InlineData(3.0)]
    public void Extract_DrawnDisc_MeasuresItsDiameterWithin0_1Mm(double diameterMm)
    {
        const double pixelMm = 0.1;
        var radiusPx = diameterMm / pixelMm / 2;
        var probs = Probabilities(m =>
        {
            var s = m.AsSpan<float>();
            for (var y = 0; y < Size; y++)
            {
                for (var x = 0; x < Size; x++)
                {
                    var dx = x + 0.5 - 100;
                    var dy = y + 0.5 - 80;
                    s[(y * Size) + x] = (dx * dx) + (dy * dy) <= radiusPx * radiusPx ? 0.9f : 0.05f;
                }
            }
        });

        var defects = DefectExtractor.Extract(probs, Size, Size, [0f, 0.5f, 0.5f], ViewTransform.Identity(pixelMm));

        var pore = Assert.Single(defects);
        Assert.Equal(DefectClass.Porosity, pore.Class);
        Assert.InRange(pore.EquivalentDiameterMm, diameterMm - 0.1, diameterMm + 0.1);
        Assert.InRange(pore.LengthMm, diameterMm - 0.1, diameterMm + 0.15);
        Assert.InRange(pore.CentroidMm.X, 9.95, 10.05);
        Assert.InRange(pore.CentroidMm.Y, 7.95, 8.05);
        Assert.Equal(0.9, pore.MeanConfidence, 3);
        Assert.NotEmpty(pore.OutlineMm);
    }

    [Fact]
    public void Extract_LineInColdShutChannel_MeasuresItsLength()
    {
        var probs = Probabilities(_ => { }, m => Cv2.Line(m, new Point(20, 50), new Point(170, 50), Scalar.All(0.8), 2));

        var defect = Assert.Single(DefectExtractor.Extract(probs, Size, Size, [0f, 0.5f, 0.5f], ViewTransform.Identity(0.2)));

        Assert.Equal(DefectClass.ColdShut, defect.Class);
        Assert.InRange(defect.LengthMm, 150 * 0.2, 154 * 0.2);
    }

    [Fact]
    public void Extract_BelowThresholdOrTinySpeck_NothingFound()
    {
        var probs = Probabilities(m =>
        {
            Cv2.Circle(m, new Point(50, 50), 10, Scalar.All(0.4), -1);
            m.Set(150, 150, 0.99f);
        });

        Assert.Empty(DefectExtractor.Extract(probs, Size, Size, [0f, 0.5f, 0.5f], ViewTransform.Identity(0.1)));
    }

    [Fact]
    public void Extract_PerClassNoiseFloor_MarksSmallColdShutSpecksButNotSmallPores()
    {
        var probs = Probabilities(
            m => Cv2.Rectangle(m, new Rect(20, 20, 3, 3), Scalar.All(0.9), -1),
            m =>
            {
                Cv2.Rectangle(m, new Rect(100, 100, 3, 3), Scalar.All(0.9), -1);
                Cv2.Line(m, new Point(20, 150), new Point(120, 150), Scalar.All(0.9), 2);
            });
        var options = DefectExtractionOptions.Default with
        {
            MinAreaPxByClass = new Dictionary<DefectClass, int> { [DefectClass.ColdShut] = 40 },
        };

        var defects = DefectExtractor.Extract(probs, Size, Size, [0f, 0.5f, 0.5f], ViewTransform.Identity(0.1), options);

        Assert.Equal(3, defects.Count);
        Assert.Equal((DefectClass.Porosity, 9.0, false), (defects[0].Class, defects[0].AreaPx, defects[0].Screened));
        var speck = Assert.Single(defects, d => d.Screened);
        Assert.Equal((DefectClass.ColdShut, 9.0), (speck.Class, speck.AreaPx));
        var seam = Assert.Single(defects, d => d.Class == DefectClass.ColdShut && !d.Screened);
        Assert.InRange(seam.LengthMm, 9.9, 10.4);
    }

    /// <summary>A pore's probability as a model draws it: <paramref name="peak"/> inside radius 10 px, falling linearly
    /// to 0 at radius 20 px, so a low threshold draws it up to twice as wide as it is.</summary>
    private static float[] SoftPore(float peak) => Probabilities(m =>
    {
        var s = m.AsSpan<float>();
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var r = Math.Sqrt(Math.Pow(x + 0.5 - 100, 2) + Math.Pow(y + 0.5 - 100, 2));
                s[(y * Size) + x] = peak * (float)Math.Clamp((20 - r) / 10, 0, 1);
            }
        }
    });

    private static DefectExtractionOptions MeasureAt(double share) => DefectExtractionOptions.Default with
    {
        MeasureAtPeakFractionByClass = new Dictionary<DefectClass, double> { [DefectClass.Porosity] = share },
    };

    [Fact]
    public void Extract_LowThresholdWithMeasuringLevel_ClearPoreMeasuredAsAtTheLevel()
    {
        var probs = SoftPore(1f);
        var atLevel = Assert.Single(DefectExtractor.Extract(probs, Size, Size, [0f, 0.9f, 0.5f], ViewTransform.Identity(0.1)));

        var found = Assert.Single(DefectExtractor.Extract(probs, Size, Size, [0f, 0.2f, 0.5f], ViewTransform.Identity(0.1), MeasureAt(0.9)));
        var drawnWide = Assert.Single(DefectExtractor.Extract(probs, Size, Size, [0f, 0.2f, 0.5f], ViewTransform.Identity(0.1)));

        Assert.Equal(atLevel.AreaPx, found.AreaPx);
        Assert.Equal(atLevel.EquivalentDiameterMm, found.EquivalentDiameterMm, 6);
        Assert.Equal(atLevel.BoundingBox, found.BoundingBox);
        Assert.InRange(found.EquivalentDiameterMm, 2.0, 2.4);
        Assert.InRange(drawnWide.EquivalentDiameterMm, 3.4, 3.8);
        Assert.InRange(found.CentroidMm.X, 9.95, 10.05);
        Assert.All(found.OutlinePx, p => Assert.InRange(Math.Sqrt(Math.Pow(p.X + 0.5 - 100, 2) + Math.Pow(p.Y + 0.5 - 100, 2)), 9, 12));
    }

    [Fact]
    public void Extract_MeasuringLevel_KeepsTheOutlineOfTheComponentAsFound()
    {
        var found = Assert.Single(DefectExtractor.Extract(SoftPore(1f), Size, Size, [0f, 0.2f, 0.5f], ViewTransform.Identity(0.1), MeasureAt(0.9)));
        var wide = Assert.Single(DefectExtractor.Extract(SoftPore(1f), Size, Size, [0f, 0.2f, 0.5f], ViewTransform.Identity(0.1)));
        var plain = Assert.Single(DefectExtractor.Extract(SoftPore(1f), Size, Size, [0f, 0.9f, 0.5f], ViewTransform.Identity(0.1)));

        Assert.Equal(wide.OutlinePx, found.FoundOutlinePx);
        Assert.NotEqual(found.OutlinePx, found.FoundOutlinePx);
        Assert.Null(plain.FoundOutlinePx);
    }

    [Fact]
    public void Extract_FaintPoreBelowTheMeasuringLevel_MeasuredAtItsShareOfItsPeak()
    {
        var found = Assert.Single(DefectExtractor.Extract(SoftPore(0.6f), Size, Size, [0f, 0.2f, 0.5f], ViewTransform.Identity(0.1), MeasureAt(0.9)));

        Assert.InRange(found.EquivalentDiameterMm, 2.0, 2.4);
        Assert.Equal(0.6, found.MaxConfidence, 3);
    }

    [Fact]
    public void Extract_MeasuringLevel_NoiseFloorStillCountsThePixelsFound()
    {
        var options = MeasureAt(0.9) with { MinAreaPxByClass = new Dictionary<DefectClass, int> { [DefectClass.Porosity] = 1000 } };

        var found = Assert.Single(DefectExtractor.Extract(SoftPore(1f), Size, Size, [0f, 0.2f, 0.5f], ViewTransform.Identity(0.1), options));

        Assert.False(found.Screened);
        Assert.True(found.AreaPx < 400);
        Assert.True(found.FoundAreaPx > 1000);
    }

    /// <summary>A 2 px seam from x 20 to 170 at p 0.6 whose core reaches 0.99 only in three 5 px patches.</summary>
    private static float[] PatchySeam(float patch) => Probabilities(_ => { }, m =>
    {
        Cv2.Line(m, new Point(20, 50), new Point(170, 50), Scalar.All(0.6), 2);
        foreach (var x in new[] { 40, 95, 150 })
        {
            Cv2.Line(m, new Point(x, 50), new Point(x + 4, 50), Scalar.All(patch), 2);
        }
    });

    private static DefectExtractionOptions GrowColdShutsTo(double grow) => DefectExtractionOptions.Default with
    {
        MinAreaPxByClass = new Dictionary<DefectClass, int> { [DefectClass.ColdShut] = 100 },
        GrowThresholdByClass = new Dictionary<DefectClass, double> { [DefectClass.ColdShut] = grow },
    };

    [Fact]
    public void Extract_SeamReachingTheThresholdInPatches_GrowThresholdMakesItOneColdShutOfItsLength()
    {
        var noGrow = GrowColdShutsTo(0.98) with { GrowThresholdByClass = new Dictionary<DefectClass, double>() };
        var fragments = DefectExtractor.Extract(PatchySeam(0.99f), Size, Size, [0f, 0.5f, 0.98f], ViewTransform.Identity(0.2), noGrow);

        var seam = Assert.Single(DefectExtractor.Extract(PatchySeam(0.99f), Size, Size, [0f, 0.5f, 0.98f], ViewTransform.Identity(0.2), GrowColdShutsTo(0.5)));

        Assert.Equal(3, fragments.Count);
        Assert.All(fragments, f => Assert.True(f.Screened));
        Assert.Equal(DefectClass.ColdShut, seam.Class);
        Assert.False(seam.Screened);
        Assert.InRange(seam.LengthMm, 150 * 0.2, 154 * 0.2);
        Assert.Equal(0.99, seam.MaxConfidence, 3);
    }

    [Fact]
    public void Extract_SeamNeverReachingTheThreshold_GrowThresholdFindsNothing()
    {
        var defects = DefectExtractor.Extract(PatchySeam(0.6f), Size, Size, [0f, 0.5f, 0.98f], ViewTransform.Identity(0.2), GrowColdShutsTo(0.5));

        Assert.Empty(defects);
    }

    [Fact]
    public void Extract_GrowThresholdAboveTheClassThreshold_FindsAtTheThresholdAlone()
    {
        var defects = DefectExtractor.Extract(PatchySeam(0.99f), Size, Size, [0f, 0.5f, 0.5f], ViewTransform.Identity(0.2), GrowColdShutsTo(0.9));

        var seam = Assert.Single(defects);
        Assert.InRange(seam.LengthMm, 150 * 0.2, 154 * 0.2);
    }

    [Fact]
    public void Extract_ShiftedView_CentroidMmGoesThroughTheTransform()
    {
        var probs = Probabilities(m => Cv2.Circle(m, new Point(60, 60), 5, Scalar.All(1), -1));
        var shifted = new ViewTransform([1, 0, 10, 0, 1, -20, 0, 0, 1], 0.1);

        var pore = Assert.Single(DefectExtractor.Extract(probs, Size, Size, [0f, 0.5f, 0.5f], shifted));

        Assert.Equal(60.0, pore.CentroidPx.X, 1);
        Assert.Equal(7.0, pore.CentroidMm.X, 1);
        Assert.Equal(4.0, pore.CentroidMm.Y, 1);
    }

    [Fact]
    public void Extract_WrongLength_ThrowsNamingTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => DefectExtractor.Extract(new float[10], Size, Size, [0f, 0.5f], ViewTransform.Identity(0.1)));
        Assert.Contains("200×200", e.Message, StringComparison.Ordinal);
    }
}

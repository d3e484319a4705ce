using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Parts.Loading;
using CastInspect.Core.Verdicts;
using CastInspect.Inference;
using CastInspect.Tests.Shared;

namespace CastInspect.Pipeline.Tests;

public sealed class PartInspectorTests : IDisposable
{
    private readonly ModelCatalog catalog = ModelCatalog.Load(
        TestImages.Models, new InferenceOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });

    public void Dispose() => catalog.Dispose();

    [Fact]
    public async Task InspectAsync_OddSized8BitImageWithGenericProgram_FindsThePoreAndMeasuresIt()
    {
        using var inspector = new PartInspector(catalog);
        var png = HeldOutRadiograph.Crop(301, 217, eightBit: true);

        var result = await inspector.InspectAsync(TestImages.Generic(), [new ViewImage("image", png)], CancellationToken.None);

        var view = Assert.Single(result.Views);
        Assert.Equal((301, 217, 8), (view.WidthPx, view.HeightPx, view.BitDepth));
        var pore = Assert.Single(result.Verdict.Views[0].Defects, d => d.Defect.Class == DefectClass.Porosity
            && Math.Abs(d.Defect.CentroidPx.X - HeldOutRadiograph.PoreX) < 3 && Math.Abs(d.Defect.CentroidPx.Y - HeldOutRadiograph.PoreY) < 3);
        Assert.InRange(pore.Defect.EquivalentDiameterMm, 0.9, 1.45);
        Assert.Equal(["ALL"], pore.ZoneIds);
        Assert.Contains("infer", view.TimingsMs.Keys);
        Assert.Equal(catalog.For(Core.Parts.Modality.Xray).Version, view.ModelVersion);
    }

    /// <summary>A 320×240 crop of a held-out synth radiograph (seed 9001, never trained on) with a Ø 1.16 mm gas pore at (160.3, 119.6).</summary>
    [Fact]
    public async Task InspectAsync_SampleRadiographWithGasPore_FindsThePoreWithItsDiameter()
    {
        var inspector = new PartInspector(catalog);
        var png = await File.ReadAllBytesAsync(HeldOutRadiograph.Path);

        var result = await inspector.InspectAsync(TestImages.Generic(), [new ViewImage("image", png)], CancellationToken.None);

        Assert.Equal(16, result.Views[0].BitDepth);
        var pore = Assert.Single(result.Verdict.Views[0].Defects, d => d.Defect.Class == DefectClass.Porosity
            && Math.Abs(d.Defect.CentroidPx.X - 160.3) < 3 && Math.Abs(d.Defect.CentroidPx.Y - 119.6) < 3);
        Assert.InRange(pore.Defect.EquivalentDiameterMm, 0.9, 1.45);
    }

    [Fact]
    public async Task InspectAsync_SameImageTwice_SameVerdictAndDefects()
    {
        using var inspector = new PartInspector(catalog);
        var png = TestImages.WallWithPore(400, 300, 200, 150, 5, eightBit: false);
        var program = TestImages.Generic();

        var a = await inspector.InspectAsync(program, [new ViewImage("image", png)], CancellationToken.None);
        var b = await inspector.InspectAsync(program, [new ViewImage("image", png)], CancellationToken.None);

        Assert.Equal(a.Verdict.Verdict, b.Verdict.Verdict);
        Assert.Equal(a.Verdict.Reasons, b.Verdict.Reasons);
        Assert.Equal(Summary(a), Summary(b));
    }

    [Fact]
    public async Task InspectAsync_ViewNotInProgram_ThrowsNamingTheViewAndTheProgramsViews()
    {
        using var inspector = new PartInspector(catalog);
        var png = TestImages.WallWithPore(64, 64, 30, 30, 3, eightBit: true);
        var ex = await Assert.ThrowsAsync<InvalidImageException>(() =>
            inspector.InspectAsync(TestImages.Generic(), [new ViewImage("XR-9", png)], CancellationToken.None));
        Assert.Equal("XR-9", ex.ViewId);
        Assert.Contains("views: image", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_NotAnImage_ThrowsUnsupportedFormat()
    {
        using var inspector = new PartInspector(catalog);
        var ex = await Assert.ThrowsAsync<InvalidImageException>(() =>
            inspector.InspectAsync(TestImages.Generic(), [new ViewImage("image", "hello"u8.ToArray())], CancellationToken.None));
        Assert.Equal(ImageProblem.UnsupportedFormat, ex.Problem);
    }

    [Fact]
    public async Task InspectAsync_ViewShiftedAgainstItsReference_RegistersAndJudgesThePoreInItsZone()
    {
        using var inspector = new PartInspector(catalog);
        var reference = Path.Combine(Path.GetTempPath(), $"castinspect-ref-{Guid.NewGuid():N}.png");
        // The pore sits 1 mm left of the L/R boundary on the part; the part lies 24 px right, 10 px up in the fixture,
        // so unregistered it would measure at 11.4 mm, in zone R.
        await File.WriteAllBytesAsync(reference, TestImages.Scene(400, 300, 0, 0, pore: null));
        var shifted = TestImages.Scene(400, 300, 24, -10, pore: (90, 240, 6));
        try
        {
            var program = TestImages.TwoZones(reference);

            var result = await inspector.InspectAsync(program, [new ViewImage("XR-R", shifted)], CancellationToken.None);

            var view = Assert.Single(result.Views);
            Assert.InRange(view.RegistrationScore, 0.9, 1.0);
            var mapped = view.Transform.ToViewMm(new PointPx(114, 230));
            Assert.InRange(mapped.X, 8.9, 9.1);
            Assert.InRange(mapped.Y, 23.9, 24.1);
            // Whatever the shipped model finds, every defect is measured through the registered transform.
            Assert.All(result.Verdict.Views[0].Defects, d =>
            {
                var expected = view.Transform.ToViewMm(d.Defect.CentroidPx);
                Assert.InRange(d.Defect.CentroidMm.X, expected.X - 1e-6, expected.X + 1e-6);
                Assert.InRange(d.Defect.CentroidMm.Y, expected.Y - 1e-6, expected.Y + 1e-6);
            });
            Assert.DoesNotContain(result.Verdict.Views[0].Reasons, r => r.Contains("registration", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("register", view.TimingsMs.Keys);
        }
        finally
        {
            File.Delete(reference);
        }
    }

    [Fact]
    public async Task Predict_ViewWithAndWithoutReference_PositionToleranceOnlyWhenNotRegistered()
    {
        using var inspector = new PartInspector(catalog);
        var reference = Path.Combine(Path.GetTempPath(), $"castinspect-ref-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(reference, TestImages.Scene(400, 300, 0, 0, pore: null));
        var image = new ViewImage("XR-R", TestImages.Scene(400, 300, 24, -10, pore: null));
        try
        {
            var registered = TestImages.TwoZones(reference).Views[0] with { PositionToleranceMm = 1.5 };
            var unregistered = registered with { ReferenceImage = null };

            var withReference = inspector.Predict(registered, image, CancellationToken.None);
            var without = inspector.Predict(unregistered, image, CancellationToken.None);

            Assert.Equal(0, withReference.PositionUncertaintyMm);
            Assert.Equal(1.5, without.PositionUncertaintyMm);
            Assert.Equal(1.5, without.Observation("XR-R", []).PositionUncertaintyMm);
        }
        finally
        {
            File.Delete(reference);
        }
    }

    [Fact]
    public async Task Predict_SampleRadiographWithTheUnderbodyProgram_RegistersWhereTheFixtureMovedThePart()
    {
        using var inspector = new PartInspector(catalog);
        var program = PartProgramLoader.Load(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        var image = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "samples", "images", "p00006_XR-3.png"));
        // samples/images/p00006_XR-3.json: image_to_reference, the part 6.4 px left and 3.8 px down of its place.
        var truth = new ViewTransform([1, -0.000331, -6.4208, 0.000331, 1, 3.8273, 0, 0, 1], 0.1);

        var prediction = inspector.Predict(program.FindView("XR-3")!, new ViewImage("XR-3", image), CancellationToken.None);

        Assert.InRange(prediction.RegistrationScore, 0.9, 1.0);
        Assert.Empty(prediction.ReviewReasons);
        Assert.Equal(0, prediction.PositionUncertaintyMm);
        foreach (var p in new[] { new PointPx(100, 100), new PointPx(512, 512), new PointPx(900, 200), new PointPx(150, 900) })
        {
            var (expected, actual) = (truth.ToViewMm(p), prediction.Transform.ToViewMm(p));
            Assert.InRange(Math.Sqrt(Math.Pow(expected.X - actual.X, 2) + Math.Pow(expected.Y - actual.Y, 2)), 0, 0.1);
        }
    }

    [Fact]
    public async Task InspectAsync_XrayViewAboveNoiseLimit_ReviewWithImageQualityReason()
    {
        using var inspector = new PartInspector(catalog);
        var limits = new ImageQualityLimits(MinContrastToNoise: 0, MaxUnsharpnessPx: 1000, MaxNoisePercent: 3);
        var program = TestImages.Generic(limits: limits);
        var clean = TestImages.WallWithPore(300, 200, 150, 100, 6, eightBit: true);
        var noisy = TestImages.WallWithPore(300, 200, 150, 100, 6, eightBit: true, noise: 40);

        var good = await inspector.InspectAsync(program, [new ViewImage("image", clean)], CancellationToken.None);
        var bad = await inspector.InspectAsync(program, [new ViewImage("image", noisy)], CancellationToken.None);

        Assert.DoesNotContain(good.Verdict.Reasons, r => r.Contains("image quality", StringComparison.Ordinal));
        Assert.InRange(good.Views[0].QualityMetrics["noise_percent"], 0, 3);
        // REVIEW at least: the shipped model may also call pores in the noise, and NOK then wins.
        Assert.NotEqual(Verdict.Ok, bad.Verdict.Views[0].Verdict);
        Assert.Contains(bad.Verdict.Views[0].Reasons, r => r.StartsWith("image quality: noise", StringComparison.Ordinal));
        Assert.True(bad.Views[0].QualityMetrics["noise_percent"] > 3);
        Assert.Contains("quality", bad.Views[0].TimingsMs.Keys);
    }

    private static List<string> Summary(PartInspection r) =>
        r.Verdict.Views.SelectMany(v => v.Defects).Select(d =>
            $"{d.Defect.Class} {d.Defect.BoundingBox} {d.Defect.AreaPx} {d.Defect.MeanConfidence:R} {d.Ignored}").ToList();
}

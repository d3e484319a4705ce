using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Registration;
using CastInspect.Imaging.Synthesis;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Registration;

public sealed class ViewRegistrarTests
{
    private static Mat Reference()
    {
        var view = new ViewDefinition("XR-1", Modality.Xray, 512, 512, 0.2, []);
        var geometry = PartGeometry.Load(Path.Combine(TestParts.RepoRoot, "samples", "parts", "UB-R-1000.geometry.json")).Find("XR-1");
        using var synth = new ViewSynthesizer(view, geometry);
        return synth.RenderReference(new SynthRandom(1));
    }

    [Theory]
    [InlineData(7.3, -4.6, 0.0)]
    [InlineData(-12.0, 9.25, 1.5)]
    [InlineData(3.5, 2.0, -2.5)]
    [InlineData(38.0, -27.5, 1.0)]
    [InlineData(-45.0, 30.0, 0.0)]
    public void Register_ShiftedRotatedView_RecoversTransformWithinHalfPixel(double dx, double dy, double angle)
    {
        using var reference = Reference();
        var pose = new Pose(angle, dx, dy);
        using var moved = pose.Apply(reference, nearest: false);

        var result = ViewRegistrar.Register(moved, reference, 0.2);

        Assert.Null(result.ReviewReason);
        Assert.True(result.Score > 0.9, $"score {result.Score}");
        var truth = pose.ImageToReference(512, 512, 0.2);
        foreach (var p in new[] { new PointPx(100, 100), new PointPx(256, 256), new PointPx(400, 120), new PointPx(80, 420) })
        {
            var expected = truth.ToViewMm(p);
            var actual = result.Transform.ToViewMm(p);
            var errorPx = Math.Sqrt(Math.Pow(expected.X - actual.X, 2) + Math.Pow(expected.Y - actual.Y, 2)) / 0.2;
            Assert.True(errorPx < 0.5, $"error {errorPx:F2} px at {p}");
        }
    }

    [Fact]
    public void Register_NoiseInsteadOfThePart_FlaggedForReviewWithoutThrowing()
    {
        using var reference = Reference();
        using var nonsense = new Mat(512, 512, MatType.CV_16UC1);
        var rng = new SynthRandom(5);
        var s = nonsense.AsSpan<ushort>();
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = (ushort)rng.Next(0, 65535);
        }

        var result = ViewRegistrar.Register(nonsense, reference, 0.2);

        Assert.NotNull(result.ReviewReason);
        Assert.StartsWith("registration", result.ReviewReason, StringComparison.Ordinal);
        Assert.Equal(ViewTransform.Identity(0.2).ImageToReference, result.Transform.ImageToReference);
    }
}

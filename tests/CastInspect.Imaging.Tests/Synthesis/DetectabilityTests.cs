using CastInspect.Imaging.Synthesis;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Synthesis;

public sealed class DetectabilityTests
{
    private const double PixelMm = 0.1;

    [Theory]
    [InlineData(5.0, 0.5)]
    [InlineData(6.0, 0.841344746)]
    [InlineData(3.0, 0.022750132)]
    [InlineData(0.0, 2.8665157e-7)]
    [InlineData(12.0, 0.99999999999872)]
    public void DetectionProbability_SnrAgainstTheRoseCriterion_IsTheNormalShareAboveIt(double snr, double expected)
    {
        var probability = Detectability.DetectionProbability(snr);

        Assert.InRange(probability / expected, 1 - 1e-6, 1 + 1e-6);
    }

    [Fact]
    public void Snr_PoreSmallerThanThePatchOnWhiteNoise_IsRootOfSummedContrastSquaredOverVariance()
    {
        using var with = Flat(100);
        using var without = Flat(100);
        using var variance = Flat(4);
        using var instances = new Mat(64, 64, MatType.CV_16UC1, Scalar.All(0));
        Cv2.Circle(with, new Point(32, 32), 3, Scalar.All(105), -1, LineTypes.Link8);
        Cv2.Circle(instances, new Point(32, 32), 3, Scalar.All(1), -1, LineTypes.Link8);
        var pixels = Cv2.CountNonZero(instances);

        var snr = Detectability.Snr(new Detectability.Layers(with, without, variance), instances, new Rect(29, 29, 7, 7), 1, PixelMm);

        Assert.Equal(Math.Sqrt(pixels * (5.0 / 2) * (5.0 / 2)), snr, 3);
    }

    [Fact]
    public void Snr_LongFaintSeam_CountsItsMostVisibleStretchNotItsWholeLength()
    {
        using var with = Flat(100, width: 256);
        using var without = Flat(100, width: 256);
        using var variance = Flat(1, width: 256);
        using var instances = new Mat(64, 256, MatType.CV_16UC1, Scalar.All(0));
        Cv2.Line(with, new Point(20, 32), new Point(219, 32), Scalar.All(101), 1, LineTypes.Link8);
        Cv2.Line(instances, new Point(20, 32), new Point(219, 32), Scalar.All(1), 1, LineTypes.Link8);

        var snr = Detectability.Snr(new Detectability.Layers(with, without, variance), instances, new Rect(20, 32, 200, 1), 1, PixelMm);

        var patchPx = (int)Math.Round(Detectability.PatchMm / PixelMm) | 1;
        Assert.Equal(Math.Sqrt(patchPx), snr, 3);
        Assert.True(snr < Detectability.RoseCriterion, "a seam of contrast 1 σ is not seen, however long it is drawn");
    }

    [Fact]
    public void Snr_AnotherFlawBesideIt_DoesNotCount()
    {
        using var with = Flat(100);
        using var without = Flat(100);
        using var variance = Flat(1);
        using var instances = new Mat(64, 64, MatType.CV_16UC1, Scalar.All(0));
        with.Set(30, 30, 103f);
        instances.Set<ushort>(30, 30, 1);
        with.Set(30, 33, 200f);
        instances.Set<ushort>(30, 33, 2);

        var snr = Detectability.Snr(new Detectability.Layers(with, without, variance), instances, new Rect(30, 30, 1, 1), 1, PixelMm);

        Assert.Equal(3, snr, 3);
    }

    private static Mat Flat(float value, int width = 64) => new(64, width, MatType.CV_32FC1, Scalar.All(value));
}

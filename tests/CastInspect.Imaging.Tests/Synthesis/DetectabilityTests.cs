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
        var box = AddPore(with, instances, 5);
        var pixels = Cv2.CountNonZero(instances);

        var snr = Detectability.Snr(new Detectability.Layers(with, without, variance), instances, box, 1, PixelMm);

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

    [Fact]
    public void Snr_FlatClutter_IsTheWhiteNoiseSnr()
    {
        using var with = Flat(100);
        using var without = Flat(100);
        using var variance = Flat(4);
        using var instances = new Mat(64, 64, MatType.CV_16UC1, Scalar.All(0));
        var box = AddPore(with, instances, 5);

        var white = Detectability.Snr(new Detectability.Layers(with, without, variance), instances, box, 1, PixelMm);
        var flat = Detectability.Snr(new Detectability.Layers(with, without, variance, Clutter: without), instances, box, 1, PixelMm);

        Assert.Equal(white, flat, 6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Snr_SeamInTurningMarks_KeepsItsSnrAcrossTheMarksAndLosesItAlongThem(bool across)
    {
        using var without = Flat(100, width: 128);
        var marks = without.AsSpan<float>();
        for (var i = 0; i < marks.Length; i++)
        {
            marks[i] += 20 * (float)Math.Sin(2 * Math.PI * (i % 128) / 5.0);
        }

        using var with = without.Clone();
        using var variance = Flat(1, width: 128);
        using var instances = new Mat(64, 128, MatType.CV_16UC1, Scalar.All(0));
        var (from, to) = across ? (new Point(44, 32), new Point(84, 32)) : (new Point(64, 12), new Point(64, 52));
        using var seam = new Mat(64, 128, MatType.CV_32FC1, Scalar.All(0));
        Cv2.Line(seam, from, to, Scalar.All(-3), 1, LineTypes.Link8);
        Cv2.Add(with, seam, with);
        Cv2.Line(instances, from, to, Scalar.All(1), 1, LineTypes.Link8);
        var box = Cv2.BoundingRect(new[] { from, to });
        box = new Rect(box.X, box.Y, Math.Max(1, box.Width), Math.Max(1, box.Height));

        var white = Detectability.Snr(new Detectability.Layers(with, without, variance), instances, box, 1, PixelMm);
        var marked = Detectability.Snr(new Detectability.Layers(with, without, variance, Clutter: without), instances, box, 1, PixelMm);

        if (across)
        {
            Assert.InRange(marked / white, 0.9, 1.0 + 1e-9);
        }
        else
        {
            Assert.InRange(marked / white, 0, 0.5);
        }
    }

    [Fact]
    public void Snr_PoreInBlotchyGrain_IsLowerThanOnAPlainFace()
    {
        using var without = new Mat(64, 64, MatType.CV_32FC1);
        Cv2.Randn(without, Scalar.All(0), Scalar.All(30));
        Cv2.GaussianBlur(without, without, new Size(0, 0), 2);
        Cv2.Add(without, Scalar.All(100), without);
        using var with = without.Clone();
        using var variance = Flat(4);
        using var instances = new Mat(64, 64, MatType.CV_16UC1, Scalar.All(0));
        var box = AddPore(with, instances, 5);

        var white = Detectability.Snr(new Detectability.Layers(with, without, variance), instances, box, 1, PixelMm);
        var grained = Detectability.Snr(new Detectability.Layers(with, without, variance, Clutter: without), instances, box, 1, PixelMm);

        Assert.InRange(grained, 0, 0.5 * white);
    }

    /// <summary>Adds a pore of radius 3 px and <paramref name="contrast"/> at (32, 32) to <paramref name="with"/>, labels it
    /// instance 1 and returns its box.</summary>
    private static Rect AddPore(Mat with, Mat instances, double contrast)
    {
        using var pore = new Mat(with.Rows, with.Cols, MatType.CV_32FC1, Scalar.All(0));
        Cv2.Circle(pore, new Point(32, 32), 3, Scalar.All(contrast), -1, LineTypes.Link8);
        Cv2.Add(with, pore, with);
        Cv2.Circle(instances, new Point(32, 32), 3, Scalar.All(1), -1, LineTypes.Link8);
        return new Rect(29, 29, 7, 7);
    }

    private static Mat Flat(float value, int width = 64) => new(64, width, MatType.CV_32FC1, Scalar.All(value));
}

using CastInspect.Core.Inspection;
using CastInspect.Imaging.Preprocessing;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Preprocessing;

public sealed class WindowingTests
{
    /// <summary>The formula in docs/normalisation.md, written out plainly (sort, interpolate, scale, clip).</summary>
    private static float[] DocsFormula(ushort[] values, double pLow, double pHigh)
    {
        var sorted = values.Select(v => (double)v).Order().ToArray();
        double Pct(double p)
        {
            var q = p / 100 * (sorted.Length - 1);
            var k = (int)Math.Floor(q);
            var next = Math.Min(k + 1, sorted.Length - 1);
            return sorted[k] + ((q - k) * (sorted[next] - sorted[k]));
        }

        var lo = Pct(pLow);
        var hi = Pct(pHigh);
        return values.Select(v => hi <= lo ? 0f : (float)Math.Clamp((v - lo) / (hi - lo), 0, 1)).ToArray();
    }

    [Theory]
    [InlineData(0.5, 99.5)]
    [InlineData(2, 98)]
    [InlineData(0, 100)]
    public void Apply_RandomImage_MatchesDocumentedFormula(double low, double high)
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 97 * 61).Select(_ => (ushort)(20000 + (random.NextDouble() * random.NextDouble() * 30000))).ToArray();
        using var image = Mat.FromPixelData(61, 97, MatType.CV_16UC1, values);

        using var windowed = Windowing.Apply(image, new InputNormalisation(low, high));

        var expected = DocsFormula(values, low, high);
        var actual = windowed.AsSpan<float>().ToArray();
        Assert.Equal(MatType.CV_32FC1, windowed.Type());
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6, $"pixel {i}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void Apply_FlatImage_GivesZeros()
    {
        using var flat = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(77));
        using var windowed = Windowing.Apply(flat, new InputNormalisation());
        Assert.Equal(0, Cv2.CountNonZero(windowed));
    }

    [Fact]
    public void FlattenIllumination_LightingGradient_Removed()
    {
        using var lit = new Mat(200, 300, MatType.CV_8UC1);
        var s = lit.AsSpan<byte>();
        for (var y = 0; y < 200; y++)
        {
            for (var x = 0; x < 300; x++)
            {
                s[(y * 300) + x] = (byte)(60 + (x * 0.5));
            }
        }

        using var flat = Preprocessor.FlattenIllumination(lit);
        using var middle = new Mat(flat, new Rect(50, 50, 200, 100));
        Cv2.MinMaxLoc(middle, out double min, out double max);

        Assert.InRange(max / min, 1.0, 1.05);
    }

    [Fact]
    public void CorrectXray_FlatField_RemovesDetectorGain()
    {
        using var gain = new Mat(32, 32, MatType.CV_16UC1);
        var g = gain.AsSpan<ushort>();
        for (var i = 0; i < g.Length; i++)
        {
            g[i] = (ushort)(10000 + (i % 32 * 200));
        }

        using var dark = new Mat(32, 32, MatType.CV_16UC1, Scalar.All(100));
        using var raw = new Mat();
        Cv2.AddWeighted(gain, 0.5, dark, 0.5, 0, raw);
        using var calibration = new Calibration(dark.Clone(), gain.Clone());

        using var corrected = Preprocessor.CorrectXray(raw, calibration);
        Cv2.MeanStdDev(corrected, out var mean, out var std);

        Assert.True(std.Val0 < 0.01 * mean.Val0, $"std {std.Val0} mean {mean.Val0}");
    }
}

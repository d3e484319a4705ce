using CastInspect.Core.Inspection;
using CastInspect.Imaging.Preprocessing;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Preprocessing;

public sealed class WindowingTests
{
    /// <summary>The formula in docs/normalisation.md, written out plainly (sort, nearest rank, scale, clip).</summary>
    private static float[] DocsFormula(ushort[] values, double pLow, double pHigh, IntensityTransform transform = IntensityTransform.Linear)
    {
        var sorted = values.Select(v => (double)v).Order().ToArray();
        double Pct(double p)
        {
            var k = (int)Math.Floor((p / 100 * (sorted.Length - 1)) + 0.5);
            return sorted[Math.Clamp(k, 0, sorted.Length - 1)];
        }

        var lo = Pct(pLow);
        var hi = Pct(pHigh);
        if (transform == IntensityTransform.Sqrt)
        {
            return values.Select(v => hi <= lo ? 0f : (float)Math.Clamp((Math.Sqrt(v) - Math.Sqrt(lo)) / (Math.Sqrt(hi) - Math.Sqrt(lo)), 0, 1)).ToArray();
        }

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

    [Theory]
    [InlineData(0.5, 99.99)]
    [InlineData(0, 100)]
    public void Apply_SqrtTransform_MatchesDocumentedFormula(double low, double high)
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 83 * 67).Select(_ => (ushort)(900 + (random.NextDouble() * random.NextDouble() * 50000))).ToArray();
        using var image = Mat.FromPixelData(67, 83, MatType.CV_16UC1, values);

        using var windowed = Windowing.Apply(image, new InputNormalisation(low, high, IntensityTransform.Sqrt));

        var expected = DocsFormula(values, low, high, IntensityTransform.Sqrt);
        var actual = windowed.AsSpan<float>().ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6, $"pixel {i}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void Apply_SqrtTransform_GivesAPoreInAThickRibTheContrastOfItsNoise()
    {
        // A pore that lets 8 % more counts through, in a thick rib (2,000 counts) and in a thin wall (30,000 counts).
        ushort[] values = [2000, 2160, 30000, 32400];
        using var image = Mat.FromPixelData(1, 4, MatType.CV_16UC1, values);

        using var linear = Windowing.Apply(image, new InputNormalisation(0, 100));
        using var root = Windowing.Apply(image, new InputNormalisation(0, 100, IntensityTransform.Sqrt));

        var l = linear.AsSpan<float>().ToArray();
        var r = root.AsSpan<float>().ToArray();
        var linearRatio = (l[3] - l[2]) / (l[1] - l[0]);
        var rootRatio = (r[3] - r[2]) / (r[1] - r[0]);
        Assert.Equal(15.0, linearRatio, 2);
        Assert.Equal(Math.Sqrt(15.0), rootRatio, 2);
    }

    [Fact]
    public void Apply_FlatImage_GivesZeros()
    {
        using var flat = new Mat(10, 10, MatType.CV_8UC1, Scalar.All(77));
        using var windowed = Windowing.Apply(flat, new InputNormalisation());
        Assert.Equal(0, Cv2.CountNonZero(windowed));
    }

    [Theory]
    [InlineData(IntensityTransform.Linear)]
    [InlineData(IntensityTransform.Sqrt)]
    public void Apply_WindowTakenOnceForBothTransforms_EqualsWindowingEachAlone(IntensityTransform transform)
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 83 * 47).Select(_ => (ushort)(1000 + (random.NextDouble() * 40000))).ToArray();
        using var image = Mat.FromPixelData(47, 83, MatType.CV_16UC1, values);
        var window = Windowing.Window(image, new InputNormalisation(0.5, 99.5, IntensityTransform.Sqrt));

        using var shared = Windowing.Apply(image, new InputNormalisation(0.5, 99.5, transform), window);
        using var alone = Windowing.Apply(image, new InputNormalisation(0.5, 99.5, transform));

        using var diff = new Mat();
        Cv2.Absdiff(shared, alone, diff);
        Assert.Equal(0, Cv2.CountNonZero(diff));
    }
}

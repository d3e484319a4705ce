using CastInspect.Core.Inspection;
using CastInspect.Imaging.Preprocessing;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Preprocessing;

public sealed class WindowingTests
{
    /// <summary>The formula in docs/normalisation.md, written out plainly (sort, nearest rank, scale, clip).</summary>
    private static float[] DocsFormula(ushort[] values, double pLow, double pHigh)
    {
        var sorted = values.Select(v => (double)v).Order().ToArray();
        double Pct(double p)
        {
            var k = (int)Math.Floor((p / 100 * (sorted.Length - 1)) + 0.5);
            return sorted[Math.Clamp(k, 0, sorted.Length - 1)];
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
}

using CastInspect.Inference.SecondLook;

namespace CastInspect.Inference.Tests.SecondLook;

public class PatchCutterTests
{
    [Theory]
    [InlineData(10.5, 7.49, 4, 9, 5)]
    [InlineData(10.49, 7.5, 4, 8, 6)]
    [InlineData(0.0, 0.0, 36, -18, -18)]
    public void Origin_Centroid_IsRoundedHalfUpMinusHalfThePatch(double x, double y, int size, int expectedX, int expectedY) =>
        Assert.Equal((expectedX, expectedY), PatchCutter.Origin(x, y, size));

    [Theory]
    [InlineData(-1, 5, 1)]
    [InlineData(-2, 5, 2)]
    [InlineData(5, 5, 3)]
    [InlineData(6, 5, 2)]
    [InlineData(3, 5, 3)]
    [InlineData(-9, 5, 1)]
    public void Mirror_IndexPastTheBorder_ReflectsWithoutRepeatingTheEdge(int i, int n, int expected) =>
        Assert.Equal(expected, PatchCutter.Mirror(i, n));

    [Fact]
    public void Cut_PatchOverTheTopLeftCorner_MirrorsTheImageAndZeroesTheProbability()
    {
        // 3 × 3 image with value 10·y + x, probability 1 + the same.
        float[] image = [0, 1, 2, 10, 11, 12, 20, 21, 22];
        var probs = image.Select(v => v + 1).ToArray();
        var patch = new float[2 * 4 * 4];

        PatchCutter.Cut(image, probs, 3, 3, 0.2, 0.2, 4, patch);

        // Origin (-2, -2): rows and columns -2, -1, 0, 1 read 2, 1, 0, 1.
        Assert.Equal([22, 21, 20, 21], patch[..4]);
        Assert.Equal([2, 1, 0, 1], patch[8..12]);
        Assert.Equal([0, 0, 0, 0], patch[16..20]);
        Assert.Equal([0, 0, 1, 2], patch[24..28]);
        Assert.Equal([0, 0, 11, 12], patch[28..32]);
    }

    [Fact]
    public void Cut_DestinationOfTheWrongSize_ThrowsNamingTheSize()
    {
        var ex = Assert.Throws<ArgumentException>(() => PatchCutter.Cut(new float[9], new float[9], 3, 3, 1, 1, 4, new float[16]));
        Assert.Contains("needs 32 values", ex.Message, StringComparison.Ordinal);
    }
}

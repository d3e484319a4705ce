using CastInspect.Inference.Segmentation;

namespace CastInspect.Inference.Tests.Segmentation;

public class TileLayoutTests
{
    [Theory]
    [InlineData(100, 256, 32)]
    [InlineData(256, 256, 32)]
    [InlineData(257, 256, 32)]
    [InlineData(1023, 256, 32)]
    [InlineData(3001, 256, 48)]
    public void For_AnyLength_KeepsEveryPixelExactlyOnceInsideItsTile(int length, int tile, int overlap)
    {
        var layout = TileLayout.For(length, tile, overlap);
        var expected = 0;
        for (var i = 0; i < layout.Starts.Length; i++)
        {
            Assert.Equal(expected, layout.KeepFrom[i]);
            Assert.True(layout.KeepFrom[i] >= layout.Starts[i]);
            Assert.True(layout.KeepTo[i] <= layout.Starts[i] + tile);
            expected = layout.KeepTo[i];
        }

        Assert.Equal(length, expected);
    }
}

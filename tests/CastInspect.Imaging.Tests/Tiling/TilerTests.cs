using CastInspect.Core.Geometry;
using CastInspect.Imaging.Tiling;

namespace CastInspect.Imaging.Tests.Tiling;

public sealed class TilerTests
{
    [Theory]
    [InlineData(1000, 700, 256, 32)]
    [InlineData(512, 512, 512, 64)]
    [InlineData(300, 200, 512, 64)]
    [InlineData(1025, 513, 256, 100)]
    public void TileAndStitch_IdentityModel_ReproducesInputExactly(int width, int height, int size, int overlap)
    {
        var image = new float[width * height];
        var random = new Random(width);
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (float)random.NextDouble();
        }

        var tiles = Tiler.Plan(width, height, new TilingOptions(size, overlap));
        var stitcher = new Stitcher(2, width, height);
        var input = new float[size * size];
        var output = new float[2 * size * size];
        foreach (var tile in tiles)
        {
            Tiler.Copy(image, width, height, tile, input);
            input.CopyTo(output, 0);
            input.CopyTo(output, size * size);
            stitcher.Add(tile, output);
        }

        Assert.True(stitcher.Maps[..image.Length].SequenceEqual(image));
        Assert.True(stitcher.Maps[image.Length..].SequenceEqual(image));
    }

    [Fact]
    public void Plan_ZoneInOneCorner_SkipsTilesOutsideIt()
    {
        IReadOnlyList<PointPx> zone = [new(10, 10), new(200, 10), new(200, 150), new(10, 150)];

        var all = Tiler.Plan(1024, 1024, new TilingOptions(256, 32));
        var kept = Tiler.Plan(1024, 1024, new TilingOptions(256, 32), [zone]);

        Assert.Equal(25, all.Count);
        var tile = Assert.Single(kept);
        Assert.Equal((0, 0), (tile.X, tile.Y));
    }

    [Fact]
    public void Plan_ZoneLargerThanTile_KeepsTilesInsideIt()
    {
        IReadOnlyList<PointPx> zone = [new(-50, -50), new(2000, -50), new(2000, 2000), new(-50, 2000)];
        Assert.Equal(25, Tiler.Plan(1024, 1024, new TilingOptions(256, 32), [zone]).Count);
    }
}

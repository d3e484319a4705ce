namespace CastInspect.Imaging.Tiling;

/// <summary>
/// Assembles per-tile model outputs ([C, Size, Size]) into full-image maps ([C, H, W]). Each pixel is taken from the tile
/// that owns it (the one where it lies furthest from the tile edge), so seams never show and an identity model gives
/// back its input exactly. Pixels of skipped tiles stay 0 in every channel.
/// </summary>
public sealed class Stitcher
{
    private readonly float[] _maps;

    public Stitcher(int channels, int width, int height)
    {
        if (channels <= 0 || width <= 0 || height <= 0)
        {
            throw new ArgumentException($"cannot stitch {channels} channels of {width}×{height}");
        }

        Channels = channels;
        Width = width;
        Height = height;
        _maps = new float[checked(channels * width * height)];
    }

    public int Channels { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The stitched maps, [C, H, W] row-major.</summary>
    public ReadOnlySpan<float> Maps => _maps;

    /// <summary>Adds one tile's output, [C, Size, Size] row-major.</summary>
    public void Add(Tile tile, ReadOnlySpan<float> output)
    {
        ArgumentNullException.ThrowIfNull(tile);
        var s = tile.Size;
        if (output.Length < Channels * s * s)
        {
            throw new ArgumentException($"tile output holds {output.Length} values, expected {Channels}×{s}×{s}", nameof(output));
        }

        var plane = Width * Height;
        var w = tile.OwnX1 - tile.OwnX0;
        for (var c = 0; c < Channels; c++)
        {
            for (var y = tile.OwnY0; y < tile.OwnY1; y++)
            {
                output.Slice((c * s * s) + ((y - tile.Y) * s) + (tile.OwnX0 - tile.X), w)
                    .CopyTo(_maps.AsSpan((c * plane) + (y * Width) + tile.OwnX0, w));
            }
        }
    }
}

namespace CastInspect.Inference.Segmentation;

/// <summary>
/// Where tiles go along one image axis and which part of each tile is kept when stitching: each output pixel comes
/// from exactly one tile, the one whose centre it is nearest within the overlap, so results do not depend on batching.
/// </summary>
internal sealed class TileLayout
{
    private TileLayout(int[] starts, int[] keepFrom, int[] keepTo)
    {
        Starts = starts;
        KeepFrom = keepFrom;
        KeepTo = keepTo;
    }

    public int[] Starts { get; }

    public int[] KeepFrom { get; }

    public int[] KeepTo { get; }

    public static TileLayout For(int length, int tile, int overlap)
    {
        if (length <= tile)
        {
            return new TileLayout([0], [0], [length]);
        }

        var stride = tile - overlap;
        var count = (int)Math.Ceiling((length - tile) / (double)stride) + 1;
        var starts = new int[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = Math.Min(i * stride, length - tile);
        }

        var from = new int[count];
        var to = new int[count];
        for (var i = 0; i < count; i++)
        {
            from[i] = i == 0 ? 0 : (starts[i] + starts[i - 1] + tile) / 2;
            to[i] = i == count - 1 ? length : (starts[i + 1] + starts[i] + tile) / 2;
        }

        return new TileLayout(starts, from, to);
    }
}

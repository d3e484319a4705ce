using CastInspect.Core.Geometry;

namespace CastInspect.Imaging.Tiling;

/// <summary>Cuts an image into overlapping fixed-size tiles and skips tiles wholly outside every zone.</summary>
public static class Tiler
{
    /// <summary>Plans the tiles for a <paramref name="width"/>×<paramref name="height"/> image.</summary>
    /// <param name="width">Image width, px.</param>
    /// <param name="height">Image height, px.</param>
    /// <param name="options">Tile size and overlap.</param>
    /// <param name="zonesPx">Zone outlines in image px; tiles touching none are left out. Null: keep every tile.</param>
    public static IReadOnlyList<Tile> Plan(int width, int height, TilingOptions options, IReadOnlyList<IReadOnlyList<PointPx>>? zonesPx = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TileSize <= 0 || options.Overlap < 0 || options.Overlap >= options.TileSize)
        {
            throw new ArgumentException($"tile size {options.TileSize} with overlap {options.Overlap} is not usable", nameof(options));
        }

        var xs = Axis(width, options);
        var ys = Axis(height, options);
        var tiles = new List<Tile>();
        foreach (var (y, oy0, oy1) in ys)
        {
            foreach (var (x, ox0, ox1) in xs)
            {
                var tile = new Tile(tiles.Count, x, y, options.TileSize, ox0, oy0, ox1, oy1);
                if (zonesPx is null || zonesPx.Any(z => Touches(z, x, y, Math.Min(options.TileSize, width - x), Math.Min(options.TileSize, height - y))))
                {
                    tiles.Add(tile with { Index = tiles.Count });
                }
            }
        }

        return tiles;
    }

    /// <summary>Copies a tile's window of a float image ([H, W]) into <paramref name="destination"/> ([Size, Size]), replicating edges.</summary>
    public static void Copy(ReadOnlySpan<float> image, int width, int height, Tile tile, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(tile);
        var s = tile.Size;
        if (destination.Length < s * s)
        {
            throw new ArgumentException($"destination holds {destination.Length} values, a tile needs {s * s}", nameof(destination));
        }

        for (var ty = 0; ty < s; ty++)
        {
            var y = Math.Min(tile.Y + ty, height - 1);
            var row = image.Slice(y * width, width);
            var inside = Math.Max(0, Math.Min(s, width - tile.X));
            row.Slice(tile.X, inside).CopyTo(destination.Slice(ty * s, inside));
            if (inside < s)
            {
                destination.Slice((ty * s) + inside, s - inside).Fill(row[width - 1]);
            }
        }
    }

    /// <summary>Tile origins along one axis and the pixel range each owns (boundaries in the middle of each overlap).</summary>
    private static List<(int Start, int Own0, int Own1)> Axis(int length, TilingOptions o)
    {
        var size = o.TileSize;
        var stride = size - o.Overlap;
        var starts = new List<int> { 0 };
        while (starts[^1] + size < length)
        {
            starts.Add(Math.Min(starts[^1] + stride, length - size));
        }

        var result = new List<(int, int, int)>();
        for (var i = 0; i < starts.Count; i++)
        {
            var own0 = i == 0 ? 0 : (starts[i - 1] + size + starts[i]) / 2;
            var own1 = i == starts.Count - 1 ? length : (starts[i] + size + starts[i + 1]) / 2;
            result.Add((starts[i], own0, own1));
        }

        return result;
    }

    private static bool Touches(IReadOnlyList<PointPx> polygon, int x, int y, int w, int h)
    {
        if (polygon.Count < 3)
        {
            return false;
        }

        if (polygon.Any(p => p.X >= x && p.X <= x + w && p.Y >= y && p.Y <= y + h))
        {
            return true;
        }

        var mm = polygon.Select(p => new PointMm(p.X, p.Y)).ToList();
        if (new[] { (x, y), (x + w, y), (x, y + h), (x + w, y + h) }.Any(c => ViewGeometryMath.Contains(mm, new PointMm(c.Item1, c.Item2))))
        {
            return true;
        }

        var corners = new[] { new PointPx(x, y), new PointPx(x + w, y), new PointPx(x + w, y + h), new PointPx(x, y + h) };
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            for (var k = 0; k < 4; k++)
            {
                if (Cross(a, b, corners[k], corners[(k + 1) % 4]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Cross(PointPx p1, PointPx p2, PointPx q1, PointPx q2)
    {
        static double Side(PointPx a, PointPx b, PointPx c) => ((b.X - a.X) * (c.Y - a.Y)) - ((b.Y - a.Y) * (c.X - a.X));
        return Side(p1, p2, q1) * Side(p1, p2, q2) < 0 && Side(q1, q2, p1) * Side(q1, q2, p2) < 0;
    }
}

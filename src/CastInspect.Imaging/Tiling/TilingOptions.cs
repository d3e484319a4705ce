namespace CastInspect.Imaging.Tiling;

/// <summary>How a view is cut into fixed-size model inputs.</summary>
/// <param name="TileSize">Model input side, px (default 512).</param>
/// <param name="Overlap">Pixels shared by neighbouring tiles (default 64); each output pixel comes from the tile where it is furthest from the edge.</param>
public sealed record TilingOptions(int TileSize = 512, int Overlap = 64)
{
    public static TilingOptions Default { get; } = new();
}

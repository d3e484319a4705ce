namespace CastInspect.Imaging.Tiling;

/// <summary>
/// One model input: a <c>Size</c>×<c>Size</c> window whose top-left is at (<paramref name="X"/>, <paramref name="Y"/>) in the image
/// (windows of an image smaller than a tile reach past it and are padded by edge replication), and the part of the
/// image whose output it owns when stitching.
/// </summary>
public sealed record Tile(int Index, int X, int Y, int Size, int OwnX0, int OwnY0, int OwnX1, int OwnY1);

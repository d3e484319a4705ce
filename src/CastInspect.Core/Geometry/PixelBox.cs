namespace CastInspect.Core.Geometry;

/// <summary>An axis-aligned box in image pixels.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height);

namespace CastInspect.Core.Geometry;

/// <summary>A point in image pixels (sub-pixel).</summary>
public readonly record struct PointPx(double X, double Y);

namespace CastInspect.Core.Geometry;

/// <summary>A point in the view frame, mm, origin top-left of the reference image, y down.</summary>
public readonly record struct PointMm(double X, double Y);

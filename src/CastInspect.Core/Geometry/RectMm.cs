namespace CastInspect.Core.Geometry;

/// <summary>An axis-aligned rectangle in the view frame, mm.</summary>
public readonly record struct RectMm(double X, double Y, double Width, double Height);

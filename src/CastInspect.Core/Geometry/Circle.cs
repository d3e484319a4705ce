namespace CastInspect.Core.Geometry;

/// <summary>A circle in the view frame, mm.</summary>
public readonly record struct Circle(PointMm Centre, double Radius)
{
    public double Diameter => 2 * Radius;

    public bool Contains(PointMm p, double toleranceMm = 0) => Distance(Centre, p) <= Radius + toleranceMm;

    internal static double Distance(PointMm a, PointMm b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}

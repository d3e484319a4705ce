namespace CastInspect.Core.Parts;

public enum ReferenceAreaShape
{
    Circle,
    Square,
}

/// <summary>The P 202 reference area: a circle of diameter <paramref name="SizeMm"/> or a square of that side.</summary>
public sealed record ReferenceArea(ReferenceAreaShape Shape, double SizeMm)
{
    public double AreaMm2 => Shape == ReferenceAreaShape.Circle
        ? Math.PI * SizeMm * SizeMm / 4.0
        : SizeMm * SizeMm;
}

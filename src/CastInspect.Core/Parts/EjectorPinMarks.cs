namespace CastInspect.Core.Parts;

/// <summary>
/// The witness marks the die's ejector pins leave on the surface a view photographs: rings (or arcs of rings) of a
/// pin's diameter. Their rim answers like a cold lap, so a cold-shut indication that lies on a circle of a pin's
/// diameter is listed as a witness mark and not judged.
/// </summary>
/// <param name="MinDiameterMm">Smallest ejector-pin diameter of the die, mm.</param>
/// <param name="MaxDiameterMm">Largest ejector-pin diameter of the die, mm.</param>
/// <param name="ToleranceMm">How far, on average, an indication's pixels may lie from the fitted circle, and its
/// diameter outside the pins' range (twice this), for it to count as a witness mark (default 0.16 mm: a 2 px rim at
/// 0.08 mm per pixel; a cold lap follows the flow front, not a circle).</param>
public sealed record EjectorPinMarks(double MinDiameterMm, double MaxDiameterMm, double ToleranceMm = 0.16)
{
    /// <summary>True when an arc of <paramref name="diameterMm"/> whose pixels lie <paramref name="meanDistanceMm"/>
    /// from that circle on average is a pin's witness mark.</summary>
    public bool IsWitnessMark(double diameterMm, double meanDistanceMm) =>
        meanDistanceMm <= ToleranceMm
        && diameterMm >= MinDiameterMm - (2 * ToleranceMm)
        && diameterMm <= MaxDiameterMm + (2 * ToleranceMm);
}

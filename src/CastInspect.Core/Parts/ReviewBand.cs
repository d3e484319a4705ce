namespace CastInspect.Core.Parts;

/// <summary>
/// When a person must decide: a measurement within <paramref name="MarginFraction"/> of a limit (either side),
/// or a defect whose model confidence is below its class threshold, gives REVIEW rather than OK or NOK.
/// </summary>
/// <param name="MarginFraction">0.1 = within 10 % of the limit.</param>
/// <param name="MinPorosityConfidence">Pores with a mean confidence below this are uncertain.</param>
/// <param name="MinColdShutConfidence">Cold shuts with a mean confidence below this are uncertain.</param>
public sealed record ReviewBand(
    double MarginFraction = 0.1,
    double MinPorosityConfidence = 0.6,
    double MinColdShutConfidence = 0.6)
{
    public static ReviewBand Default { get; } = new();
}

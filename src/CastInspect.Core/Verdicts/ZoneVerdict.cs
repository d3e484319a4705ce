namespace CastInspect.Core.Verdicts;

/// <summary>The verdict on one zone of one view.</summary>
public sealed record ZoneVerdict(
    string ZoneId,
    string ZoneName,
    Verdict Verdict,
    IReadOnlyList<RuleFinding> Findings);

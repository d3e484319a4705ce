namespace CastInspect.Core.Verdicts;

/// <summary>The verdict on a part: the worst of its views. <see cref="Reasons"/> lists every NOK/REVIEW reason in words.</summary>
public sealed record PartVerdict(
    string PartNumber,
    int PartProgramRevision,
    Verdict Verdict,
    IReadOnlyList<ViewVerdict> Views,
    IReadOnlyList<string> Reasons);

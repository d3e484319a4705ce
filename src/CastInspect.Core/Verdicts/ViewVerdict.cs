namespace CastInspect.Core.Verdicts;

/// <summary>
/// The verdict on one view: the worst of its zones and of any view-level issue (image quality, registration),
/// with every defect the model saw.
/// </summary>
public sealed record ViewVerdict(
    string ViewId,
    Verdict Verdict,
    IReadOnlyList<ZoneVerdict> Zones,
    IReadOnlyList<JudgedDefect> Defects,
    IReadOnlyList<string> Reasons);

using CastInspect.Core.Verdicts;

namespace CastInspect.Core.Inspection;

/// <summary>The result of inspecting one part: the verdict with its reasons and the per-view facts behind it.</summary>
public sealed record PartInspection(
    PartVerdict Verdict,
    IReadOnlyList<ViewInspection> Views,
    double TotalMs);

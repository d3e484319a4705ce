using CastInspect.Core.Measurement;

namespace CastInspect.Core.Verdicts;

/// <summary>A measured defect with the zones it lies in and whether the rules ignored it (e.g. below the detection floor).</summary>
public sealed record JudgedDefect(
    MeasuredDefect Defect,
    IReadOnlyList<string> ZoneIds,
    bool Ignored,
    string? IgnoredReason);

using CastInspect.Core.Inspection;
using CastInspect.Core.Verdicts;

namespace CastInspect.Storage.Inspections;

/// <summary>An inspection as stored: the summary row, the full result and each view's archived image.</summary>
public sealed record StoredInspection(
    InspectionSummary Summary,
    PartInspection Result,
    IReadOnlyList<ViewImageRecord> Images);

/// <summary>The inspection row: who, what, when and the verdict, without per-view detail.</summary>
public sealed record InspectionSummary(
    long Id,
    string RequestId,
    string PartSerial,
    string PartNumber,
    int PartProgramRevision,
    Traceability Traceability,
    DateTimeOffset ReceivedAt,
    Verdict Verdict,
    IReadOnlyList<string> Reasons,
    double TotalMs,
    string? Disposition);

/// <summary>The outcome of <see cref="InspectionStore.SaveAsync"/>: the stored inspection and whether this call created it.</summary>
public sealed record SaveResult(StoredInspection Inspection, bool Created);

using CastInspect.Core.Verdicts;

namespace CastInspect.Storage.Reprocessing;

/// <summary>Which archived inspections a reprocessing run re-judges; every given filter must match (null: any).</summary>
/// <param name="CapturedFrom">Inclusive lower bound of capture time.</param>
/// <param name="CapturedTo">Exclusive upper bound of capture time.</param>
/// <param name="PartNumber">Only this part number.</param>
/// <param name="Verdict">Only parts the line judged so.</param>
/// <param name="Disposition">A disposition decision (NOK_SCRAP, NOK_REWORK, RELEASED_OK) or "none" for parts without one.</param>
/// <param name="InspectionIds">Only these inspection ids.</param>
public sealed record ReprocessSelection(
    DateTimeOffset? CapturedFrom = null,
    DateTimeOffset? CapturedTo = null,
    string? PartNumber = null,
    Verdict? Verdict = null,
    string? Disposition = null,
    IReadOnlyList<long>? InspectionIds = null)
{
    public const string NoDisposition = "none";
}

using CastInspect.Core.Verdicts;

namespace CastInspect.Storage.Inspections;

/// <summary>Filter and page for <see cref="InspectionStore.ListAsync"/>; newest capture first.</summary>
/// <param name="CapturedFrom">Inclusive lower bound of capture time.</param>
/// <param name="CapturedTo">Exclusive upper bound of capture time.</param>
/// <param name="Disposition">A disposition decision, or <see cref="NoDisposition"/> for none yet.</param>
/// <param name="PageSize">Rows per page, 1–500. Default 50.</param>
/// <param name="PageToken">The previous page's <see cref="InspectionPage.NextPageToken"/>.</param>
public sealed record InspectionQuery(
    DateTimeOffset? CapturedFrom = null,
    DateTimeOffset? CapturedTo = null,
    string? PartNumber = null,
    string? PartSerial = null,
    Verdict? Verdict = null,
    string? Disposition = null,
    int PageSize = 50,
    string? PageToken = null)
{
    public const string NoDisposition = "none";

    public const int MaxPageSize = 500;
}

/// <summary>One page of inspections; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record InspectionPage(IReadOnlyList<InspectionSummary> Items, string? NextPageToken);

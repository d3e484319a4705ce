using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Storage.Inspections;

namespace CastInspect.Storage.Reprocessing;

/// <summary>Dapper rows of the reprocessing queries.</summary>
internal sealed class RunRow
{
    public string Id { get; set; } = string.Empty;

    public string CreatedUtc { get; set; } = string.Empty;

    public string SelectionJson { get; set; } = "{}";

    public string? ModelManifestJson { get; set; }

    public long? PartProgramVersionId { get; set; }

    public string Status { get; set; } = string.Empty;

    public long Total { get; set; }

    public string? FinishedUtc { get; set; }

    public ReprocessRun ToRun() => new(
        Id,
        StoreJson.ParseTime(CreatedUtc),
        StoreJson.Deserialize<ReprocessRunSettings>(SelectionJson),
        ModelManifestJson,
        PartProgramVersionId,
        Status,
        checked((int)Total),
        FinishedUtc is null ? null : StoreJson.ParseTime(FinishedUtc));
}

internal sealed class SelectedRow
{
    public long Id { get; set; }

    public string PartNumber { get; set; } = string.Empty;

    public long ProgramVersionId { get; set; }
}

internal sealed class PendingRow
{
    public long InspectionId { get; set; }

    public string PartSerial { get; set; } = string.Empty;

    public string PartNumber { get; set; } = string.Empty;

    public string Verdict { get; set; } = string.Empty;

    public string ReasonsJson { get; set; } = "[]";

    public long ProgramVersionId { get; set; }

    public ReprocessItem ToItem(IEnumerable<ViewRow> views) => new(
        InspectionId,
        PartSerial,
        PartNumber,
        VerdictText.Parse(Verdict),
        StoreJson.Deserialize<List<string>>(ReasonsJson),
        ProgramVersionId,
        views.Select(v => v.ToView()).ToList());
}

/// <summary>An archived image row with what a reprocessing run also needs: its inspection and its size.</summary>
internal sealed class ViewRow : ImageRow
{
    public long InspectionId { get; set; }

    public long WidthPx { get; set; }

    public long HeightPx { get; set; }

    public ArchivedView ToView()
    {
        var image = ToRecord();
        return new(image.ViewId, image.Modality, image.Sha256, image.RelativePath, image.ByteLength, image.Encoding, checked((int)WidthPx), checked((int)HeightPx));
    }
}

internal sealed class ResultRow
{
    public long InspectionId { get; set; }

    public string PartSerial { get; set; } = string.Empty;

    public string PartNumber { get; set; } = string.Empty;

    public string OldVerdict { get; set; } = string.Empty;

    public string NewVerdict { get; set; } = string.Empty;

    public string OldReasonsJson { get; set; } = "[]";

    public string NewReasonsJson { get; set; } = "[]";

    public string ProcessedUtc { get; set; } = string.Empty;

    public StoredReprocessResult ToResult() => new(
        InspectionId,
        PartSerial,
        PartNumber,
        VerdictText.Parse(OldVerdict),
        VerdictText.Parse(NewVerdict),
        StoreJson.Deserialize<List<string>>(OldReasonsJson),
        StoreJson.Deserialize<List<string>>(NewReasonsJson),
        StoreJson.ParseTime(ProcessedUtc));
}

internal sealed class FailureRow
{
    public long InspectionId { get; set; }

    public string PartSerial { get; set; } = string.Empty;

    public string PartNumber { get; set; } = string.Empty;

    public string Error { get; set; } = string.Empty;

    public string ProcessedUtc { get; set; } = string.Empty;

    public ReprocessFailure ToFailure() => new(InspectionId, PartSerial, PartNumber, Error, StoreJson.ParseTime(ProcessedUtc));
}

internal sealed class ProgramRow
{
    public long Id { get; set; }

    public string ContentJson { get; set; } = "{}";
}

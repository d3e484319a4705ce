using CastInspect.Core.Parts;

namespace CastInspect.Storage.Reprocessing;

/// <summary>Run states as stored in <c>reprocess_runs.status</c>.</summary>
public static class ReprocessStatus
{
    public const string Created = "created";
    public const string Running = "running";
    public const string Interrupted = "interrupted";
    public const string Completed = "completed";
}

/// <summary>What a new run re-judges and with what.</summary>
/// <param name="RunId">The run's id, chosen by the caller (resume with the same id).</param>
/// <param name="Selection">Which inspections; resolved to ids once, when the run is created.</param>
/// <param name="Programs">
/// New part programs by part number. A selected inspection whose part number has none here is re-judged with the
/// part program revision the line used.
/// </param>
/// <param name="ModelsDirectory">Folder of the model manifest the run uses (recorded so a resume uses the same models).</param>
/// <param name="ModelManifestJson">The manifest's text, recorded with the run.</param>
public sealed record NewReprocessRun(
    string RunId,
    ReprocessSelection Selection,
    IReadOnlyDictionary<string, PartProgram> Programs,
    string? ModelsDirectory,
    string? ModelManifestJson);

/// <summary>A part program a run brought in: its part number, revision and stored version id.</summary>
public sealed record ReprocessProgramRef(string PartNumber, int Revision, long VersionId);

/// <summary>What a run was created with, stored as <c>reprocess_runs.selection_json</c>.</summary>
public sealed record ReprocessRunSettings(
    ReprocessSelection Selection,
    string? ModelsDirectory,
    IReadOnlyList<ReprocessProgramRef> PartPrograms);

/// <summary>A stored reprocessing run.</summary>
/// <param name="PartProgramVersionId">The new part program when the run brought exactly one, else null.</param>
/// <param name="Total">How many inspections were selected (frozen at creation).</param>
public sealed record ReprocessRun(
    string Id,
    DateTimeOffset CreatedUtc,
    ReprocessRunSettings Settings,
    string? ModelManifestJson,
    long? PartProgramVersionId,
    string Status,
    int Total,
    DateTimeOffset? FinishedUtc);

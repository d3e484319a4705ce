using CastInspect.Core.Verdicts;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Reprocessing;

namespace CastInspect.Server.Reprocessing;

/// <summary>How many parts went from one verdict to another (From = To: unchanged). Verdicts as OK, REVIEW, NOK.</summary>
public sealed record VerdictTransition(string From, string To, int Parts)
{
    public bool Changed => From != To;
}

/// <summary>A part whose verdict changed, with the line's reasons and the new ones.</summary>
public sealed record ChangedPart(
    long InspectionId,
    string PartSerial,
    string PartNumber,
    string OldVerdict,
    string NewVerdict,
    IReadOnlyList<string> OldReasons,
    IReadOnlyList<string> NewReasons);

/// <summary>Images per second of this session against raw model inference on the same tiles, same machine, same parallelism.</summary>
/// <param name="RawImagesPerSecond">Null when the raw rate was not measured.</param>
/// <param name="Ratio">Session images/s ÷ raw images/s (target ≥ 0.9); null when not measured.</param>
/// <param name="MeanStageMs">Mean ms per image of each pipeline stage: where the time beyond inference goes.</param>
public sealed record ReprocessThroughput(
    int Parts,
    int Images,
    double Seconds,
    int Parallelism,
    double ImagesPerSecond,
    double? RawImagesPerSecond,
    double? Ratio,
    IReadOnlyDictionary<string, double> MeanStageMs);

/// <summary>The outcome of a run so far: counts, every verdict transition (unchanged included), changed parts and failures.</summary>
public sealed record ReprocessReport(
    string RunId,
    string Status,
    DateTimeOffset CreatedUtc,
    ReprocessRunSettings Settings,
    int Selected,
    int Processed,
    int Failed,
    IReadOnlyList<VerdictTransition> Transitions,
    IReadOnlyList<ChangedPart> Changed,
    IReadOnlyList<ReprocessFailure> Failures,
    ReprocessThroughput? Throughput)
{
    private static readonly Verdict[] Order = [Verdict.Ok, Verdict.Review, Verdict.Nok];

    public int Remaining => Selected - Processed - Failed;

    public static ReprocessReport Build(
        ReprocessRun run, IReadOnlyList<StoredReprocessResult> results, IReadOnlyList<ReprocessFailure> failures, ReprocessThroughput? throughput)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(failures);
        var counts = results.CountBy(r => (r.OldVerdict, r.NewVerdict)).ToDictionary();
        var transitions = Order
            .SelectMany(from => Order.Select(to => new VerdictTransition(VerdictText.Of(from), VerdictText.Of(to), counts.GetValueOrDefault((from, to)))))
            .ToList();
        var changed = results
            .Where(r => r.OldVerdict != r.NewVerdict)
            .Select(r => new ChangedPart(
                r.InspectionId, r.PartSerial, r.PartNumber, VerdictText.Of(r.OldVerdict), VerdictText.Of(r.NewVerdict), r.OldReasons, r.NewReasons))
            .ToList();
        return new ReprocessReport(
            run.Id, run.Status, run.CreatedUtc, run.Settings, run.Total, results.Count, failures.Count, transitions, changed, failures, throughput);
    }

    /// <summary>Parts that went from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public int Count(Verdict from, Verdict to) =>
        Transitions.First(t => t.From == VerdictText.Of(from) && t.To == VerdictText.Of(to)).Parts;
}

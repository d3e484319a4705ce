using System.Diagnostics;
using System.Threading.Channels;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Storage.Reprocessing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CastInspect.Server.Reprocessing;

/// <summary>
/// Re-inspects the pending parts of a run through the shared <see cref="IPartInspector"/>, several parts at a time, and
/// commits each outcome on its own. Cancelling stops promptly; what was committed stays, and the same run id resumes.
/// </summary>
public sealed class ReprocessRunner(IPartInspector inspector, ReprocessStore store, ArchivedImageReader images, ILogger<ReprocessRunner>? logger = null)
{
    private readonly ILogger log = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Processes what the run has left. Returns with <see cref="ReprocessSession.Interrupted"/> set when cancelled.</summary>
    /// <exception cref="InvalidOperationException">The run does not exist.</exception>
    public async Task<ReprocessSession> RunAsync(
        string runId, ReprocessRunnerOptions options, IProgress<ReprocessProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var run = await store.FindRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"reprocessing run '{runId}' does not exist");
        var pending = await store.PendingAsync(runId, cancellationToken).ConfigureAwait(false);
        var programs = await store.ProgramsAsync(pending.Select(p => p.PartProgramVersionId), cancellationToken).ConfigureAwait(false);
        var parallelism = Math.Max(1, options.Parallelism);
        ReprocessLog.Starting(log, runId, pending.Count, run.Total, parallelism);
        await store.SetStatusAsync(runId, ReprocessStatus.Running, cancellationToken).ConfigureAwait(false);

        var before = run.Total - pending.Count;
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        var interrupted = false;
        var outcomes = Channel.CreateBounded<Outcome>(new BoundedChannelOptions(parallelism * 2) { SingleReader = true });
        var writer = Task.Run(() => CommitAllAsync(runId, outcomes, tally, before, run.Total, clock, progress), CancellationToken.None);
        try
        {
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (item, token) =>
                {
                    var outcome = await InspectAsync(item, programs[item.PartProgramVersionId], token).ConfigureAwait(false);
                    await outcomes.Writer.WriteAsync(outcome, CancellationToken.None).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }
        finally
        {
            outcomes.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }

        var elapsed = clock.Elapsed;
        var status = interrupted ? ReprocessStatus.Interrupted : ReprocessStatus.Completed;
        await store.SetStatusAsync(runId, status, CancellationToken.None).ConfigureAwait(false);
        ReprocessLog.Finished(log, runId, status, tally.Parts, tally.Images, elapsed.TotalSeconds);
        var meanStages = tally.StageMs.ToDictionary(kv => kv.Key, kv => tally.Images == 0 ? 0 : kv.Value / tally.Images, StringComparer.Ordinal);
        return new ReprocessSession(tally.Parts, tally.Images, tally.Failed, elapsed, parallelism, interrupted, meanStages);
    }

    /// <summary>
    /// Commits each outcome in its own transaction, one at a time, while the workers go on inspecting: the store's
    /// fsync never holds up a core. Computed outcomes are committed even after cancellation.
    /// </summary>
    private async Task CommitAllAsync(
        string runId, Channel<Outcome> outcomes, Tally tally, int before, int total, Stopwatch clock, IProgress<ReprocessProgress>? progress)
    {
        try
        {
            await foreach (var o in outcomes.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (o.Result is { } result)
                {
                    var verdict = result.Verdict;
                    await store.SaveResultAsync(
                        runId,
                        new ReprocessResult(o.Item.InspectionId, o.Item.OldVerdict, verdict.Verdict, o.Item.OldReasons, verdict.Reasons, result),
                        CancellationToken.None).ConfigureAwait(false);
                    foreach (var (stage, ms) in result.Views.SelectMany(v => v.TimingsMs).Where(kv => kv.Key != "total"))
                    {
                        tally.StageMs[stage] = tally.StageMs.GetValueOrDefault(stage) + ms;
                    }
                }
                else
                {
                    ReprocessLog.ItemFailed(log, runId, o.Item.InspectionId, o.Error!);
                    await store.SaveFailureAsync(runId, o.Item.InspectionId, o.Error!, CancellationToken.None).ConfigureAwait(false);
                    tally.Failed++;
                }

                tally.Parts++;
                tally.Images += o.Item.Views.Count;
                progress?.Report(new ReprocessProgress(before + tally.Parts, total, tally.Parts, tally.Images, clock.Elapsed));
            }
        }
        catch (Exception e)
        {
            outcomes.Writer.TryComplete(e);
            throw;
        }
    }

    private async Task<Outcome> InspectAsync(ReprocessItem item, PartProgram program, CancellationToken token)
    {
        try
        {
            var viewImages = new List<ViewImage>(item.Views.Count);
            foreach (var view in item.Views)
            {
                viewImages.Add(await images.ReadAsync(view, token).ConfigureAwait(false));
            }

            return new Outcome(item, await inspector.InspectAsync(program, viewImages, token).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is ArchiveImageException or InvalidImageException)
        {
            return new Outcome(item, null, e.Message);
        }
    }

    private sealed record Outcome(ReprocessItem Item, PartInspection? Result, string? Error);

    /// <summary>Counters owned by the committing task.</summary>
    private sealed class Tally
    {
        public int Parts { get; set; }

        public int Images { get; set; }

        public int Failed { get; set; }

        public Dictionary<string, double> StageMs { get; } = new(StringComparer.Ordinal);
    }
}

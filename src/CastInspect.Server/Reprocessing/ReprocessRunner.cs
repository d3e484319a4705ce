using System.Diagnostics;
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
        var parts = 0;
        var imageCount = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var interrupted = false;
        try
        {
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (item, token) =>
                {
                    var ok = await ProcessAsync(runId, item, programs[item.PartProgramVersionId], token).ConfigureAwait(false);
                    if (!ok)
                    {
                        Interlocked.Increment(ref failed);
                    }

                    var done = Interlocked.Increment(ref parts);
                    var shown = Interlocked.Add(ref imageCount, item.Views.Count);
                    progress?.Report(new ReprocessProgress(before + done, run.Total, done, shown, clock.Elapsed));
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }

        var elapsed = clock.Elapsed;
        var status = interrupted ? ReprocessStatus.Interrupted : ReprocessStatus.Completed;
        await store.SetStatusAsync(runId, status, CancellationToken.None).ConfigureAwait(false);
        ReprocessLog.Finished(log, runId, status, parts, imageCount, elapsed.TotalSeconds);
        return new ReprocessSession(parts, imageCount, failed, elapsed, parallelism, interrupted);
    }

    private async Task<bool> ProcessAsync(string runId, ReprocessItem item, PartProgram program, CancellationToken token)
    {
        PartInspection result;
        try
        {
            var viewImages = new List<ViewImage>(item.Views.Count);
            foreach (var view in item.Views)
            {
                viewImages.Add(await images.ReadAsync(view, token).ConfigureAwait(false));
            }

            result = await inspector.InspectAsync(program, viewImages, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArchiveImageException or InvalidImageException)
        {
            ReprocessLog.ItemFailed(log, runId, item.InspectionId, e.Message);
            await store.SaveFailureAsync(runId, item.InspectionId, e.Message, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        var verdict = result.Verdict;
        await store.SaveResultAsync(
            runId,
            new ReprocessResult(item.InspectionId, item.OldVerdict, verdict.Verdict, item.OldReasons, verdict.Reasons, result),
            CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}

using CastInspect.Inference;
using CastInspect.Storage.Reprocessing;

namespace CastInspect.Server.Reprocessing;

/// <summary>The outcome of one <c>reprocess</c> invocation: the report over the whole run, the files written, this session.</summary>
public sealed record ReprocessOutcome(ReprocessReport Report, IReadOnlyList<string> Files, ReprocessSession Session, bool Resumed);

/// <summary>
/// Creates a run (freezing its selection) or resumes the one with the same id, measures raw model inference on a sample of
/// its images, re-inspects what is left, and writes the report.
/// </summary>
public sealed class ReprocessCoordinator(ReprocessStore store, ReprocessRunner runner, ModelCatalog models)
{
    /// <param name="newRun">What to create when no run with its id exists; its id is the run id either way.</param>
    /// <param name="reportFolder">Where the report files go.</param>
    public async Task<ReprocessOutcome> RunAsync(
        NewReprocessRun newRun,
        string reportFolder,
        ReprocessRunnerOptions options,
        IProgress<ReprocessProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newRun);
        ArgumentNullException.ThrowIfNull(options);
        var existing = await store.FindRunAsync(newRun.RunId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await store.CreateRunAsync(newRun, cancellationToken).ConfigureAwait(false);
        }

        // Raw inference is timed on half the sample before the run and half after it, so a machine whose speed drifts
        // during a long run (thermal limits, other load) is compared with itself.
        var sample = options.BaselineImages > 0 ? await BaselineSampleAsync(newRun.RunId, options.BaselineImages, cancellationToken).ConfigureAwait(false) : [];
        var before = sample.Take((sample.Count + 1) / 2).ToList();
        var rawSeconds = before.Count > 0 ? await RawSecondsAsync(before, options, cancellationToken).ConfigureAwait(false) : 0;
        var session = await runner.RunAsync(newRun.RunId, options, progress, cancellationToken).ConfigureAwait(false);
        var after = cancellationToken.IsCancellationRequested ? [] : sample.Skip(before.Count).ToList();
        rawSeconds += after.Count > 0 ? await RawSecondsAsync(after, options, cancellationToken).ConfigureAwait(false) : 0;
        double? raw = rawSeconds > 0 ? (before.Count + after.Count) / rawSeconds : null;
        var run = (await store.FindRunAsync(newRun.RunId, CancellationToken.None).ConfigureAwait(false))!;
        var results = await store.ResultsAsync(run.Id, CancellationToken.None).ConfigureAwait(false);
        var failures = await store.FailuresAsync(run.Id, CancellationToken.None).ConfigureAwait(false);
        var throughput = session.Parts == 0 ? null : new ReprocessThroughput(
            session.Parts,
            session.Images,
            session.Elapsed.TotalSeconds,
            session.Parallelism,
            session.ImagesPerSecond,
            raw,
            raw is > 0 ? session.ImagesPerSecond / raw : null,
            session.MeanStageMs);
        var report = ReprocessReport.Build(run, results, failures, throughput);
        var files = await ReprocessReportWriter.WriteFilesAsync(report, reportFolder, CancellationToken.None).ConfigureAwait(false);
        return new ReprocessOutcome(report, files, session, existing is not null);
    }

    private async Task<List<ImageShape>> BaselineSampleAsync(string runId, int count, CancellationToken cancellationToken)
    {
        var pending = await store.PendingAsync(runId, cancellationToken).ConfigureAwait(false);
        return pending.SelectMany(p => p.Views).Take(count).Select(v => new ImageShape(v.Modality, v.WidthPx, v.HeightPx)).ToList();
    }

    private Task<double> RawSecondsAsync(List<ImageShape> images, ReprocessRunnerOptions options, CancellationToken cancellationToken) =>
        Task.Run(() => images.Count / RawInferenceBaseline.ImagesPerSecond(models, images, options.Parallelism, cancellationToken), cancellationToken);
}

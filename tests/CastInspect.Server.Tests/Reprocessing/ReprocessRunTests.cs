using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using CastInspect.Server.Reprocessing;
using CastInspect.Storage.Reprocessing;
using Dapper;
using Xunit.Abstractions;

namespace CastInspect.Server.Tests.Reprocessing;

public sealed class ReprocessRunTests(ReprocessFixture fixture, ITestOutputHelper output) : IClassFixture<ReprocessFixture>
{
    private static readonly ReprocessRunnerOptions Options = new() { Parallelism = 2, BaselineImages = 4 };

    [Fact]
    public async Task RunAsync_TightenedZone_ShowsExactlyTheExpectedTransitions()
    {
        var store = new ReprocessStore(fixture.Store.Connections);
        var before = await InspectionRowsAsync();
        var report = Path.Combine(fixture.Store.Root, "report-tight");

        var outcome = await fixture.Coordinator(store).RunAsync(
            NewRun("tight", fixture.Tightened), report, Options, null, CancellationToken.None);
        output.WriteLine(ReprocessReportWriter.Summary(outcome.Report));

        // Expected from what the line measured: NOK when a judged pore exceeds its zone's new limit.
        var expected = fixture.LineResults.ToDictionary(kv => kv.Key, kv => ExpectedVerdict(kv.Value.Verdict));
        var transitions = expected.CountBy(kv => (fixture.LineResults[kv.Key].Verdict.Verdict, kv.Value)).ToDictionary();
        foreach (var from in Enum.GetValues<Verdict>())
        {
            foreach (var to in Enum.GetValues<Verdict>())
            {
                Assert.Equal(transitions.GetValueOrDefault((from, to)), outcome.Report.Count(from, to));
            }
        }

        // Not vacuous, whatever the shipped model's false-call rate (tracked by `castinspect eval`, not here):
        // the tightened limit turns some parts NOK and leaves others as the line judged them.
        Assert.True(outcome.Report.Count(Verdict.Ok, Verdict.Nok) >= 1, "a left pore above the tightened limit must turn NOK");
        Assert.True(outcome.Report.Changed.Count < outcome.Report.Processed, "parts without left pores above the new limit keep their verdict");
        Assert.All(outcome.Report.Changed, c => Assert.Contains(c.NewReasons, r => r.Contains("zone L", StringComparison.Ordinal)));
        Assert.Equal(fixture.LineResults.Count, outcome.Report.Processed);
        Assert.Equal(before, await InspectionRowsAsync());
        Assert.True(File.Exists(Path.Combine(report, ReprocessReportWriter.JsonFile)));
        var changedCsv = await File.ReadAllLinesAsync(Path.Combine(report, ReprocessReportWriter.ChangedFile));
        Assert.Equal(outcome.Report.Changed.Count + 1, changedCsv.Length);
    }

    [Fact]
    public async Task RunAsync_CancelledAfterThreeAndResumed_GivesTheUninterruptedTotalsWithoutDuplicates()
    {
        var store = new ReprocessStore(fixture.Store.Connections);
        var coordinator = fixture.Coordinator(store);
        var whole = await coordinator.RunAsync(
            NewRun("whole", fixture.Tightened), Path.Combine(fixture.Store.Root, "r-whole"), Options, null, CancellationToken.None);

        using var cts = new CancellationTokenSource();
        var cancelAfterThree = new Progress(p =>
        {
            if (p.DoneThisSession >= 3)
            {
                cts.Cancel();
            }
        });
        var first = await coordinator.RunAsync(
            NewRun("halted", fixture.Tightened), Path.Combine(fixture.Store.Root, "r-halted"), Options, cancelAfterThree, cts.Token);
        var resumed = await coordinator.RunAsync(
            NewRun("halted", fixture.Original), Path.Combine(fixture.Store.Root, "r-halted"), Options, null, CancellationToken.None);

        Assert.True(first.Session.Interrupted);
        Assert.InRange(first.Report.Processed, 3, fixture.LineResults.Count - 1);
        Assert.True(resumed.Resumed);
        Assert.Equal(fixture.LineResults.Count - first.Report.Processed, resumed.Session.Parts);
        Assert.Equal(whole.Report.Transitions, resumed.Report.Transitions);
        Assert.Equal(whole.Report.Changed.Select(c => c.InspectionId), resumed.Report.Changed.Select(c => c.InspectionId));
        await using var connection = await fixture.Store.Connections.OpenAsync();
        var (rows, distinct) = await connection.QuerySingleAsync<(long, long)>(
            "SELECT COUNT(*), COUNT(DISTINCT inspection_id) FROM reprocess_results WHERE run_id = 'halted'");
        Assert.Equal(fixture.LineResults.Count, rows);
        Assert.Equal(rows, distinct);
    }

    [Fact]
    public async Task RunAsync_ArchivedImageChanged_RecordsAFailureNamingTheSha()
    {
        var store = new ReprocessStore(fixture.Store.Connections);
        var victim = fixture.LineResults.Keys.Max();
        var items = await ReadViewsAsync(victim);
        var path = Path.Combine(fixture.Store.Archive.RootPath, items.RelativePath);
        var original = await File.ReadAllBytesAsync(path);
        try
        {
            var damaged = (byte[])original.Clone();
            damaged[^20] ^= 0xFF;
            await File.WriteAllBytesAsync(path, damaged);

            var outcome = await fixture.Coordinator(store).RunAsync(
                NewRun("damaged", fixture.Tightened) with { Selection = new ReprocessSelection(InspectionIds: [victim]) },
                Path.Combine(fixture.Store.Root, "r-damaged"), Options, null, CancellationToken.None);

            var failure = Assert.Single(outcome.Report.Failures);
            Assert.Equal(victim, failure.InspectionId);
            Assert.Contains(items.Sha256, failure.Error, StringComparison.Ordinal);
            Assert.Equal(0, outcome.Report.Processed);
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }
    }

    private Verdict ExpectedVerdict(PartVerdict line)
    {
        var limits = new Dictionary<string, double> { ["L"] = ReprocessFixture.TightenedLeftLimitMm, ["R"] = ReprocessFixture.OriginalLimitMm };
        var nok = line.Views.SelectMany(v => v.Defects)
            .Where(d => !d.Ignored && d.Defect.Class == DefectClass.Porosity)
            .Any(d => d.ZoneIds.Any(z => d.Defect.EquivalentDiameterMm > limits[z]));
        return nok ? Verdict.Nok : Verdict.Ok;
    }

    private NewReprocessRun NewRun(string id, Core.Parts.PartProgram program) =>
        new(id, new ReprocessSelection(PartNumber: SyntheticStore.PartNumber), new Dictionary<string, Core.Parts.PartProgram> { [program.PartNumber] = program }, "models", "{}");

    private async Task<string> InspectionRowsAsync()
    {
        await using var connection = await fixture.Store.Connections.OpenAsync();
        var rows = await connection.QueryAsync<string>(
            "SELECT id || '|' || verdict || '|' || reasons_json || '|' || result_json || '|' || IFNULL(disposition, '') FROM inspections ORDER BY id");
        return string.Join('\n', rows);
    }

    private async Task<(string Sha256, string RelativePath)> ReadViewsAsync(long inspectionId)
    {
        await using var connection = await fixture.Store.Connections.OpenAsync();
        return await connection.QuerySingleAsync<(string, string)>(
            "SELECT im.sha256, im.relative_path FROM inspection_views v JOIN images im ON im.sha256 = v.image_sha256 WHERE v.inspection_id = @inspectionId",
            new { inspectionId });
    }

    private sealed class Progress(Action<ReprocessProgress> report) : IProgress<ReprocessProgress>
    {
        public void Report(ReprocessProgress value) => report(value);
    }
}

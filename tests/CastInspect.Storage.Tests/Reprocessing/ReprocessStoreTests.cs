using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Reprocessing;
using CastInspect.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CastInspect.Storage.Tests.Reprocessing;

public sealed class ReprocessStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly string root = Path.Combine(Path.GetTempPath(), "castinspect-reprocess-store-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteConnectionFactory connections;
    private readonly ImageArchive archive;
    private readonly InspectionStore inspections;
    private readonly ReprocessStore store;

    public ReprocessStoreTests()
    {
        var options = new StoreOptions { DataDirectory = root };
        connections = new SqliteConnectionFactory(options);
        archive = new ImageArchive(options);
        inspections = new InspectionStore(connections);
        store = new ReprocessStore(connections);
    }

    public async Task InitializeAsync() => await MigrationRunner.ApplyAsync(connections);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task CreateRunAsync_InspectionStoredLater_IsNotAddedToTheRun()
    {
        var a = await AddAsync("S1", "P-1", Verdict.Ok, Day);
        var b = await AddAsync("S2", "P-1", Verdict.Ok, Day.AddHours(1));
        await store.CreateRunAsync(Run("frozen", new ReprocessSelection(Verdict: Verdict.Ok)));

        await AddAsync("S3", "P-1", Verdict.Ok, Day.AddHours(2));
        var pending = await store.PendingAsync("frozen");

        Assert.Equal([a, b], pending.Select(p => p.InspectionId));
        Assert.Equal(2, (await store.FindRunAsync("frozen"))!.Total);
    }

    [Fact]
    public async Task CreateRunAsync_Filters_SelectOnlyMatchingInspections()
    {
        var ok1 = await AddAsync("S1", "P-1", Verdict.Ok, Day);
        await AddAsync("S2", "P-1", Verdict.Nok, Day.AddHours(1));
        var ok3 = await AddAsync("S3", "P-1", Verdict.Ok, Day.AddHours(2));
        await AddAsync("S4", "P-2", Verdict.Ok, Day.AddHours(1));
        await AddAsync("S5", "P-1", Verdict.Ok, Day.AddDays(2));

        await store.CreateRunAsync(Run("filtered", new ReprocessSelection(Day, Day.AddDays(1), "P-1", Verdict.Ok, ReprocessSelection.NoDisposition)));
        await store.CreateRunAsync(Run("by-ids", new ReprocessSelection(InspectionIds: [ok3, ok1])));

        Assert.Equal([ok1, ok3], (await store.PendingAsync("filtered")).Select(p => p.InspectionId));
        Assert.Equal([ok1, ok3], (await store.PendingAsync("by-ids")).Select(p => p.InspectionId));
    }

    [Fact]
    public async Task SaveResultAsync_SameInspectionTwice_KeepsOneResultAndLeavesNothingPending()
    {
        var id = await AddAsync("S1", "P-1", Verdict.Ok, Day);
        await store.CreateRunAsync(Run("once", new ReprocessSelection()));
        var result = new ReprocessResult(id, Verdict.Ok, Verdict.Nok, [], ["zone A: pore"], Inspection("P-1", Verdict.Nok));

        Assert.True(await store.SaveResultAsync("once", result));
        Assert.False(await store.SaveResultAsync("once", result));
        Assert.False(await store.SaveFailureAsync("once", id, "late failure"));

        var stored = Assert.Single(await store.ResultsAsync("once"));
        Assert.Equal((Verdict.Ok, Verdict.Nok), (stored.OldVerdict, stored.NewVerdict));
        Assert.Empty(await store.PendingAsync("once"));
        Assert.Empty(await store.FailuresAsync("once"));
    }

    [Fact]
    public async Task ClearFailuresAsync_FailedPart_IsPendingAgainAndSucceededOnesStayDone()
    {
        var failed = await AddAsync("S1", "P-1", Verdict.Ok, Day);
        var done = await AddAsync("S2", "P-1", Verdict.Ok, Day);
        await store.CreateRunAsync(Run("retry", new ReprocessSelection()));
        Assert.True(await store.SaveFailureAsync("retry", failed, "archived image missing"));
        Assert.True(await store.SaveResultAsync("retry", new ReprocessResult(done, Verdict.Ok, Verdict.Ok, [], [], Inspection("P-1", Verdict.Ok))));
        Assert.Empty(await store.PendingAsync("retry"));

        var cleared = await store.ClearFailuresAsync("retry");

        Assert.Equal(1, cleared);
        Assert.Equal([failed], (await store.PendingAsync("retry")).Select(p => p.InspectionId));
        Assert.Empty(await store.FailuresAsync("retry"));
    }

    [Fact]
    public async Task CreateRunAsync_NewProgram_IsUsedForItsPartNumberAndReadsBackUnchanged()
    {
        var p1 = await AddAsync("S1", "P-1", Verdict.Ok, Day);
        var p2 = await AddAsync("S2", "P-2", Verdict.Ok, Day);
        var tightened = Program("P-1", 2);

        var run = await store.CreateRunAsync(Run("new-program", new ReprocessSelection()) with
        {
            Programs = new Dictionary<string, PartProgram> { ["P-1"] = tightened },
        });
        var pending = (await store.PendingAsync("new-program")).ToDictionary(p => p.InspectionId);
        var programs = await store.ProgramsAsync(pending.Values.Select(p => p.PartProgramVersionId));

        Assert.Equal(run.PartProgramVersionId, pending[p1].PartProgramVersionId);
        Assert.Equal(2, programs[pending[p1].PartProgramVersionId].Revision);
        Assert.Equal(1, programs[pending[p2].PartProgramVersionId].Revision);
        Assert.Equal(StoreJson.Serialize(tightened), StoreJson.Serialize(programs[pending[p1].PartProgramVersionId]));
    }

    [Fact]
    public async Task CreateRunAsync_ExistingId_ThrowsNamingTheRun()
    {
        await store.CreateRunAsync(Run("twice", new ReprocessSelection()));

        var e = await Assert.ThrowsAsync<ReprocessRunExistsException>(() => store.CreateRunAsync(Run("twice", new ReprocessSelection())));

        Assert.Contains("'twice'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveResultAsync_ResultStored_LineInspectionRowUnchanged()
    {
        var id = await AddAsync("S1", "P-1", Verdict.Ok, Day);
        await store.CreateRunAsync(Run("untouched", new ReprocessSelection()));
        await using var connection = await connections.OpenAsync();
        const string row = "SELECT verdict || reasons_json || result_json FROM inspections WHERE id = @id";
        var before = await connection.ExecuteScalarAsync<string>(row, new { id });

        await store.SaveResultAsync("untouched", new ReprocessResult(id, Verdict.Ok, Verdict.Nok, [], ["x"], Inspection("P-1", Verdict.Nok)));

        Assert.Equal(before, await connection.ExecuteScalarAsync<string>(row, new { id }));
    }

    private static NewReprocessRun Run(string id, ReprocessSelection selection) =>
        new(id, selection, new Dictionary<string, PartProgram>(), "models", "{}");

    private static PartProgram Program(string partNumber, int revision) => new(
        partNumber,
        "test casting",
        revision,
        [
            new ViewDefinition("XR-1", Modality.Xray, 64, 64, 0.1,
            [
                new Zone("A", "node", [new PointMm(0, 0), new PointMm(6.4, 0), new PointMm(6.4, 6.4)], Criticality.Structural,
                    new PorosityRules(0.3, MaxPoreDiameterMm: 1.0 / revision, ReferenceArea: new ReferenceArea(ReferenceAreaShape.Circle, 10)),
                    null, ReviewBand.Default),
            ]),
        ]);

    private static PartInspection Inspection(string partNumber, Verdict verdict) => new(
        new PartVerdict(partNumber, 1, verdict, [new ViewVerdict("XR-1", verdict, [], [], [])], verdict == Verdict.Ok ? [] : ["zone A: pore"]),
        [new ViewInspection("XR-1", 64, 64, 16, ViewTransform.Identity(0.1), 1, new Dictionary<string, double>(), new Dictionary<string, double>(), "m", "1")],
        5);

    private async Task<long> AddAsync(string serial, string partNumber, Verdict verdict, DateTimeOffset capturedAt)
    {
        var image = await archive.SaveAsync(System.Text.Encoding.UTF8.GetBytes("image of " + serial));
        var saved = await inspections.SaveAsync(new NewInspection(
            "req-" + serial,
            serial,
            new Traceability("M", "D", "C", 1, "L", capturedAt),
            capturedAt,
            Program(partNumber, 1),
            Inspection(partNumber, verdict),
            [new ViewImageRecord("XR-1", Modality.Xray, image.Sha256, image.RelativePath, image.ByteLength, ImageEncoding.Auto)]));
        return saved.Inspection.Summary.Id;
    }
}

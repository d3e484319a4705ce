using CastInspect.Core.Verdicts;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Storage.Tests.Inspections;

public sealed class InspectionStoreTests : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("castinspect-store-").FullName;
    private readonly SqliteConnectionFactory _connections;
    private readonly ImageArchive _archive;
    private readonly InspectionStore _store;

    public InspectionStoreTests()
    {
        var options = new StoreOptions { DataDirectory = _dir };
        _connections = new SqliteConnectionFactory(options);
        _archive = new ImageArchive(options);
        _store = new InspectionStore(_connections);
    }

    public async Task InitializeAsync() => await MigrationRunner.ApplyAsync(_connections);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaveAsync_NewInspection_StoresEveryTableAndReadsBackTheSameResult()
    {
        var inspection = await SampleInspections.CreateAsync(_archive, "req-1");

        var saved = await _store.SaveAsync(inspection);

        Assert.True(saved.Created);
        var stored = saved.Inspection;
        Assert.Equal("req-1", stored.Summary.RequestId);
        Assert.Equal(Verdict.Nok, stored.Summary.Verdict);
        Assert.Equal(3, stored.Summary.PartProgramRevision);
        Assert.Equal(4711, stored.Summary.Traceability.ShotNumber);
        Assert.Equal(inspection.Traceability.CapturedAt, stored.Summary.Traceability.CapturedAt);
        Assert.Equal(inspection.Result.Verdict.Reasons, stored.Summary.Reasons);
        var defect = Assert.Single(Assert.Single(stored.Result.Verdict.Views).Defects);
        Assert.Equal(inspection.Result.Verdict.Views[0].Defects[0].Defect.OutlinePx, defect.Defect.OutlinePx);
        Assert.Equal(12.25, stored.Result.Views[0].TimingsMs["infer"]);
        Assert.Equal(inspection.Images[0].Sha256, Assert.Single(stored.Images).Sha256);
        await using var c = await _connections.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM inspection_views"));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM zone_results"));
        Assert.Equal(0.55, await c.ExecuteScalarAsync<double>("SELECT equivalent_diameter_mm FROM defects"));
        Assert.Equal("xray-seg", await c.ExecuteScalarAsync<string>("SELECT name FROM model_versions"));
        Assert.Equal(inspection.Result.Views[0].ModelSha256, await c.ExecuteScalarAsync<string>("SELECT sha256 FROM model_versions"));
    }

    [Fact]
    public async Task SaveAsync_SameRequestIdTwice_ReturnsFirstVerdictWithoutDuplicateRows()
    {
        var first = await _store.SaveAsync(await SampleInspections.CreateAsync(_archive, "req-dup", Verdict.Nok));

        var second = await _store.SaveAsync(await SampleInspections.CreateAsync(_archive, "req-dup", Verdict.Ok));

        Assert.False(second.Created);
        Assert.Equal(first.Inspection.Summary.Id, second.Inspection.Summary.Id);
        Assert.Equal(Verdict.Nok, second.Inspection.Summary.Verdict);
        await using var c = await _connections.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM inspections"));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM defects"));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM part_program_versions"));
    }

    [Fact]
    public async Task SaveAsync_ConcurrentSameRequestId_StoresOneRow()
    {
        var inspections = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SampleInspections.CreateAsync(_archive, "req-race")));

        var results = await Task.WhenAll(inspections.Select(i => _store.SaveAsync(i)));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Inspection.Summary.Id).Distinct());
    }

    [Fact]
    public async Task ListAsync_FilterAndPages_ReturnsEachMatchOnceNewestFirst()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 7; i++)
        {
            await _store.SaveAsync(await SampleInspections.CreateAsync(
                _archive, $"req-{i}", i % 2 == 0 ? Verdict.Nok : Verdict.Ok, t0.AddMinutes(i), $"S-{i}"));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _store.ListAsync(new InspectionQuery(Verdict: Verdict.Nok, PageSize: 3, PageToken: token));
            seen.AddRange(page.Items.Select(s => s.RequestId));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(["req-6", "req-4", "req-2", "req-0"], seen);
        var window = await _store.ListAsync(new InspectionQuery(CapturedFrom: t0.AddMinutes(2), CapturedTo: t0.AddMinutes(4)));
        Assert.Equal(["req-3", "req-2"], window.Items.Select(s => s.RequestId));
        var bySerial = await _store.ListAsync(new InspectionQuery(PartSerial: "S-5"));
        Assert.Equal("req-5", Assert.Single(bySerial.Items).RequestId);
        var undisposed = await _store.ListAsync(new InspectionQuery(Disposition: InspectionQuery.NoDisposition, PartNumber: "P-1"));
        Assert.Equal(7, undisposed.Items.Count);
    }

    [Fact]
    public async Task ListAsync_ForeignPageToken_ThrowsNamingIt()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _store.ListAsync(new InspectionQuery(PageToken: "bm9wZQ==")));

        Assert.Contains("bm9wZQ==", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_UnknownRequestId_ReturnsNull() =>
        Assert.Null(await _store.FindAsync("never-sent"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

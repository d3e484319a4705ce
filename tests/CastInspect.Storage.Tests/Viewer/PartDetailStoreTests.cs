using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Viewer;
using Dapper;

namespace CastInspect.Storage.Tests.Viewer;

public sealed class PartDetailStoreTests : IAsyncLifetime
{
    private readonly ViewerStore _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task GetAsync_FlaggedPart_ReturnsViewsZonesDefectsFindingsAndZoneOutlines()
    {
        var id = await _store.AddAsync("S1", Verdict.Nok, ViewerStore.T0, "D7", "2", "M3", (DefectClass.Porosity, 20, 25), (DefectClass.ColdShut, 30, 12));

        var part = await new PartDetailStore(_store.Connections).GetAsync(id);

        Assert.NotNull(part);
        Assert.Equal(("S1", "D7", "2", "M3", 3, Verdict.Nok), (part.Header.Serial, part.Header.Die, part.Header.Cavity, part.Header.Machine, part.Header.ProgramRevision, part.Header.Verdict));
        var view = Assert.Single(part.Views);
        Assert.Equal((200, 100, 16), (view.WidthPx, view.HeightPx, view.BitDepth));
        Assert.Equal(0.5, view.Transform!.PixelSizeMm);
        Assert.Equal([DefectClass.Porosity, DefectClass.ColdShut], view.Defects.Select(d => d.Class));
        Assert.Equal(3, view.Defects[0].OutlinePx.Count);
        Assert.Equal(25, view.Defects[0].CentroidMm.Y);
        var finding = Assert.Single(Assert.Single(view.Zones).Findings);
        Assert.Equal(("max_pore_diameter_mm", Verdict.Nok, 2.0, 1.0), (finding.Rule, finding.Outcome, finding.Measured, finding.Limit));
        Assert.Equal([0], finding.DefectIndices);
        var zone = Assert.Single(view.Frame!.Zones);
        Assert.Equal(("Z1", "node", 4), (zone.Id, zone.Name, zone.PolygonMm.Count));
        Assert.Equal(40, zone.PolygonMm[2].X);
    }

    [Fact]
    public async Task GetAsync_ReprocessedAndDispositionedPart_ShowsOriginalVerdictAndLaterResults()
    {
        var id = await _store.AddAsync("S1", Verdict.Nok, ViewerStore.T0, defects: (DefectClass.Porosity, 20, 25));
        await using (var c = await _store.Connections.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO reprocess_runs (id, created_utc, selection_json, status, total) VALUES ('run-1', 't', '{}', 'done', 1)");
            await c.ExecuteAsync(
                """
                INSERT INTO reprocess_results (run_id, inspection_id, old_verdict, new_verdict, old_reasons_json, new_reasons_json, result_json, processed_utc)
                VALUES ('run-1', @id, 'NOK', 'REVIEW', '[]', '["pore close to the limit"]', '{}', '2026-03-03T00:00:00.0000000Z')
                """,
                new { id });
        }

        await new DispositionStore(_store.Connections).RecordAsync(id, DispositionDecision.NokRework, "grind and re-inspect", "rita", null);

        var part = await new PartDetailStore(_store.Connections).GetAsync(id);

        Assert.Equal(Verdict.Nok, part!.Header.Verdict);
        var r = Assert.Single(part.Reprocessing);
        Assert.Equal(("run-1", Verdict.Nok, Verdict.Review, "pore close to the limit"), (r.RunId, r.OldVerdict, r.NewVerdict, r.NewReasons[0]));
        Assert.Equal("NOK_REWORK", part.Header.Disposition);
        Assert.Equal("grind and re-inspect", Assert.Single(part.Dispositions).Comment);
    }

    [Fact]
    public async Task GetAsync_IgnoredDefect_ReturnsTheJudgesReasonForTheReviewer()
    {
        var id = await _store.AddIgnoredAsync("S1", "outside every zone");

        var part = await new PartDetailStore(_store.Connections).GetAsync(id);

        var defect = Assert.Single(Assert.Single(part!.Views).Defects);
        Assert.Equal((true, "outside every zone"), (defect.Ignored, defect.IgnoredReason));
    }

    [Fact]
    public async Task GetAsync_IgnoredDefectStoredBeforeReasonsWereKept_ReturnsNoReason()
    {
        var id = await _store.AddIgnoredAsync("S1", "outside every zone");
        await using (var c = await _store.Connections.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE defects SET ignored_reason = NULL");
        }

        var part = await new PartDetailStore(_store.Connections).GetAsync(id);

        var defect = Assert.Single(Assert.Single(part!.Views).Defects);
        Assert.Equal((true, (string?)null), (defect.Ignored, defect.IgnoredReason));
    }

    [Fact]
    public async Task GetAsync_DefectsWithAndWithoutASecondLook_ReturnsTheStoredScoreOrNull()
    {
        var id = await _store.AddSecondLookedAsync("S1", 0.93, null);

        var part = await new PartDetailStore(_store.Connections).GetAsync(id);

        Assert.Equal<double?>([0.93, null], Assert.Single(part!.Views).Defects.Select(d => d.SecondLookScore));
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull() =>
        Assert.Null(await new PartDetailStore(_store.Connections).GetAsync(12345));
}

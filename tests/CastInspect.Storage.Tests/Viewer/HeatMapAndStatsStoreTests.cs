using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Viewer;

namespace CastInspect.Storage.Tests.Viewer;

public sealed class HeatMapAndStatsStoreTests : IAsyncLifetime
{
    private readonly ViewerStore _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task HeatMap_ManyParts_BinsCentroidsInMmAndFiltersByClassAndDie()
    {
        var t = ViewerStore.T0;
        await _store.AddAsync("S1", Verdict.Nok, t, die: "D1", defects: [(DefectClass.Porosity, 20.5, 25.2), (DefectClass.ColdShut, 31, 11)]);
        await _store.AddAsync("S2", Verdict.Nok, t.AddMinutes(1), die: "D1", defects: [(DefectClass.Porosity, 21.9, 24.1)]);
        await _store.AddAsync("S3", Verdict.Ok, t.AddMinutes(2), die: "D2", defects: [(DefectClass.Porosity, 60, 60)]);
        var heat = new HeatMapStore(_store.Connections);

        var all = await heat.GetAsync(new HeatMapFilter("P-1", "XR-1", CellMm: 2));
        var pores = await heat.GetAsync(new HeatMapFilter("P-1", "XR-1", Class: DefectClass.Porosity, Die: "D1", CellMm: 2));

        Assert.Equal((3, 4), (all.Parts, all.Defects));
        Assert.Contains(new HeatMapCell(10, 12, DefectClass.Porosity, 2), all.Cells);
        Assert.Equal([new HeatMapCell(10, 12, DefectClass.Porosity, 2)], pores.Cells);
        Assert.Equal(2, pores.Parts);
        Assert.Equal((200, 100, 0.5), (all.Frame!.WidthPx, all.Frame.HeightPx, all.Frame.PixelSizeMm));
        Assert.NotNull(all.Backdrop);
    }

    [Fact]
    public async Task Stats_ByShift_CountsNokAndReviewRatesPerShiftAndProductionDay()
    {
        var day = ViewerStore.T0.Date;
        var at = (int h, int m) => new DateTimeOffset(day.AddHours(h).AddMinutes(m), TimeSpan.Zero);
        await _store.AddAsync("A", Verdict.Nok, at(7, 0));
        await _store.AddAsync("B", Verdict.Ok, at(8, 0));
        await _store.AddAsync("C", Verdict.Review, at(15, 0));
        await _store.AddAsync("D", Verdict.Nok, at(23, 0));
        await _store.AddAsync("E", Verdict.Ok, at(29, 0)); // 05:00 next calendar day: still the night shift of the same production day

        var rows = await new StatsStore(_store.Connections).GetAsync(at(0, 0), at(48, 0), StatsDimension.Shift, StatsBucket.Day, ShiftPattern.Default);

        var d = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [new StatsRow(d, "06–14", 2, 1, 0), new StatsRow(d, "14–22", 1, 0, 1), new StatsRow(d, "22–06", 2, 1, 0)],
            rows);
        Assert.Equal(0.5, rows[0].NokRate);
    }

    [Fact]
    public async Task Stats_ByDie_GroupsLineVerdictsPerDie()
    {
        await _store.AddAsync("A", Verdict.Nok, ViewerStore.T0.AddHours(1), die: "D1");
        await _store.AddAsync("B", Verdict.Ok, ViewerStore.T0.AddHours(2), die: "D1");
        await _store.AddAsync("C", Verdict.Review, ViewerStore.T0.AddHours(3), die: "D2");

        var rows = await new StatsStore(_store.Connections).GetAsync(ViewerStore.T0, ViewerStore.T0.AddDays(1), StatsDimension.Die, StatsBucket.Day, ShiftPattern.Default);

        Assert.Equal([("D1", 2, 1, 0), ("D2", 1, 0, 1)], rows.Select(r => (r.Group, r.Parts, r.Nok, r.Review)));
    }
}

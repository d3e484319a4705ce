using CastInspect.Core.Verdicts;
using CastInspect.Storage.Viewer;
using Dapper;

namespace CastInspect.Storage.Tests.Viewer;

public sealed class DispositionStoreTests : IAsyncLifetime
{
    private readonly ViewerStore _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task RecordAsync_ReleaseNokWithoutComment_IsRefusedAndNothingStored()
    {
        var id = await _store.AddAsync("S1", Verdict.Nok, ViewerStore.T0);
        var store = new DispositionStore(_store.Connections);

        var e = await Assert.ThrowsAsync<ViewerStoreException>(() => store.RecordAsync(id, DispositionDecision.ReleasedOk, "  ", "rita", null));

        Assert.Equal(ViewerStoreProblem.Invalid, e.Problem);
        Assert.Contains("comment is required", e.Message, StringComparison.Ordinal);
        Assert.Empty(await store.HistoryAsync(id));
        await using var c = await _store.Connections.OpenAsync();
        Assert.Null(await c.ExecuteScalarAsync<string?>("SELECT disposition FROM inspections WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task RecordAsync_SecondDecision_SupersedesFirstAndKeepsBoth()
    {
        var id = await _store.AddAsync("S1", Verdict.Review, ViewerStore.T0);
        var store = new DispositionStore(_store.Connections);

        var first = await store.RecordAsync(id, DispositionDecision.NokScrap, null, "rita", null);
        var second = await store.RecordAsync(id, DispositionDecision.ReleasedOk, "CT shows the pore is outside the node", "sam", first.Id);

        var history = await store.HistoryAsync(id);
        Assert.Equal([second.Id, first.Id], history.Select(h => h.Id));
        Assert.Equal("REVIEW", first.PreviousState);
        Assert.Equal("NOK_SCRAP", second.PreviousState);
        Assert.Equal(first.Id, second.SupersedesId);
        Assert.Equal("sam", history[0].UserName);
        await using var c = await _store.Connections.OpenAsync();
        Assert.Equal("RELEASED_OK", await c.ExecuteScalarAsync<string>("SELECT disposition FROM inspections WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task RecordAsync_SomeoneDecidedMeanwhile_IsRefusedAsConflict()
    {
        var id = await _store.AddAsync("S1", Verdict.Nok, ViewerStore.T0);
        var store = new DispositionStore(_store.Connections);
        await store.RecordAsync(id, DispositionDecision.NokRework, null, "rita", null);

        var e = await Assert.ThrowsAsync<ViewerStoreException>(() => store.RecordAsync(id, DispositionDecision.NokScrap, null, "sam", null));

        Assert.Equal(ViewerStoreProblem.Conflict, e.Problem);
        Assert.Contains("rita", e.Message, StringComparison.Ordinal);
        Assert.Single(await store.HistoryAsync(id));
    }

    [Fact]
    public async Task RecordAsync_UnknownPart_IsNotFound()
    {
        var store = new DispositionStore(_store.Connections);

        var e = await Assert.ThrowsAsync<ViewerStoreException>(() => store.RecordAsync(999, DispositionDecision.NokScrap, null, "rita", null));

        Assert.Equal(ViewerStoreProblem.NotFound, e.Problem);
    }
}

using CastInspect.Core.Verdicts;
using CastInspect.Storage.Viewer;

namespace CastInspect.Storage.Tests.Viewer;

public sealed class ReviewQueueStoreTests : IAsyncLifetime
{
    private readonly ViewerStore _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task PageAsync_MixedParts_ListsOnlyUndecidedNokAndReviewNewestFirst()
    {
        var t = ViewerStore.T0;
        await _store.AddAsync("OK-1", Verdict.Ok, t);
        var nok = await _store.AddAsync("NOK-1", Verdict.Nok, t.AddMinutes(1));
        await _store.AddAsync("REV-1", Verdict.Review, t.AddMinutes(2));
        var decided = await _store.AddAsync("NOK-2", Verdict.Nok, t.AddMinutes(3));
        await new DispositionStore(_store.Connections).RecordAsync(decided, DispositionDecision.NokScrap, null, "rita", null);

        var page = await new ReviewQueueStore(_store.Connections).PageAsync(new QueueFilter());

        Assert.Equal(["REV-1", "NOK-1"], page.Items.Select(i => i.Serial));
        Assert.Equal(2, page.Waiting);
        Assert.Null(page.NextAfterId);
        Assert.Contains("NOK-1", page.Items.Single(i => i.Id == nok).Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageAsync_FollowingCursor_VisitsEveryPartOnceInOrder()
    {
        for (var i = 0; i < 23; i++)
        {
            // Pairs share a capture time: the cursor must still not skip or repeat.
            await _store.AddAsync($"S{i:D2}", i % 3 == 0 ? Verdict.Review : Verdict.Nok, ViewerStore.T0.AddMinutes(i / 2));
        }

        var queue = new ReviewQueueStore(_store.Connections);
        var seen = new List<long>();
        long? after = null;
        do
        {
            var page = await queue.PageAsync(new QueueFilter(), after, 5);
            seen.AddRange(page.Items.Select(i => i.Id));
            after = page.NextAfterId;
        }
        while (after is not null);

        Assert.Equal(23, seen.Distinct().Count());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var all = (await queue.PageAsync(new QueueFilter(), null, 100)).Items.Select(i => i.Id);
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task PageAsync_Filters_NarrowByDieSerialPrefixVerdictAndTime()
    {
        var t = ViewerStore.T0;
        await _store.AddAsync("AB-1", Verdict.Nok, t, die: "D1");
        await _store.AddAsync("AB-2", Verdict.Review, t.AddHours(1), die: "D2");
        await _store.AddAsync("XY-3", Verdict.Nok, t.AddHours(2), die: "D2", cavity: "2", machine: "M2");
        var queue = new ReviewQueueStore(_store.Connections);

        async Task<string[]> Serials(QueueFilter f) => (await queue.PageAsync(f)).Items.Select(i => i.Serial).ToArray();

        Assert.Equal(["XY-3", "AB-2"], await Serials(new QueueFilter(Die: "D2")));
        Assert.Equal(["AB-2", "AB-1"], await Serials(new QueueFilter(Serial: "AB")));
        Assert.Equal(["XY-3", "AB-1"], await Serials(new QueueFilter(Verdict: Verdict.Nok)));
        Assert.Equal(["AB-2"], await Serials(new QueueFilter(From: t.AddMinutes(30), To: t.AddMinutes(90))));
        Assert.Equal(["XY-3"], await Serials(new QueueFilter(Machine: "M2", Cavity: "2", PartNumber: "P-1")));
        Assert.Empty(await Serials(new QueueFilter(PartNumber: "other")));
    }
}

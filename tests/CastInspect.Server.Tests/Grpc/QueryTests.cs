using CastInspect.Contracts.V1;
using Grpc.Core;

namespace CastInspect.Server.Tests.Grpc;

public sealed class QueryTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetInspection_StoredRequestId_ReturnsTheSameVerdictAsTheUpload()
    {
        var uploaded = await Uploads.SendAsync(_host.Client, Uploads.GenericPart("req-get", size: 128));

        var fetched = await _host.Client.GetInspectionAsync(new GetInspectionRequest { RequestId = "req-get" });

        uploaded.Replayed = false;
        Assert.Equal(uploaded, fetched);
    }

    [Fact]
    public async Task GetInspection_DefectsWithAndWithoutASecondLook_CarriesTheScoreOnlyWhereOneWasGiven()
    {
        await _host.Store.SaveAsync(StoredInspections.SecondLooked("req-second-look", 0.93, null));

        var fetched = await _host.Client.GetInspectionAsync(new GetInspectionRequest { RequestId = "req-second-look" });

        var defects = Assert.Single(fetched.Views).Defects;
        Assert.Equal((true, 0.93), (defects[0].HasSecondLookScore, defects[0].SecondLookScore));
        Assert.False(defects[1].HasSecondLookScore);
    }

    [Fact]
    public async Task GetInspection_UnknownRequestId_NotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _host.Client.GetInspectionAsync(new GetInspectionRequest { RequestId = "nope" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("nope", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListInspections_PagedBySerial_ReturnsEveryMatchOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            await Uploads.SendAsync(_host.Client, Uploads.GenericPart($"req-list-{i}", size: 64, seed: i));
        }

        var seen = new List<string>();
        var request = new ListInspectionsRequest { PartNumber = "generic", PartSerial = "SER-1", PageSize = 2 };
        do
        {
            var page = await _host.Client.ListInspectionsAsync(request);
            seen.AddRange(page.Inspections.Select(i => i.RequestId));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Distinct().Count());
        var none = await _host.Client.ListInspectionsAsync(new ListInspectionsRequest { PartSerial = "OTHER" });
        Assert.Empty(none.Inspections);
    }

    [Fact]
    public async Task ListInspections_ForeignPageToken_InvalidArgument()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Client.ListInspectionsAsync(new ListInspectionsRequest { PageToken = "garbage" }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }

    [Fact]
    public async Task WatchVerdicts_UploadAfterSubscribing_StreamsItsVerdict()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var watch = _host.Client.WatchVerdicts(new WatchVerdictsRequest(), cancellationToken: cts.Token);
        await watch.ResponseHeadersAsync;

        var uploaded = await Uploads.SendAsync(_host.Client, Uploads.GenericPart("req-watch", size: 64));

        Assert.True(await watch.ResponseStream.MoveNext(cts.Token));
        Assert.Equal("req-watch", watch.ResponseStream.Current.RequestId);
        Assert.Equal(uploaded.Verdict, watch.ResponseStream.Current.Verdict);
    }
}

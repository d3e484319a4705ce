using System.Security.Cryptography;
using CastInspect.Contracts.V1;
using CastInspect.Storage.Inspections;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace CastInspect.Server.Tests.Grpc;

public sealed class InspectPartTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync("--Server:MaxImageBytesPerView=600000");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task InspectPart_WholePart_ReturnsVerdictAndStoresItWithItsImage()
    {
        var image = Uploads.Raw16Image(256, 256);

        var verdict = await Uploads.SendAsync(_host.Client, Uploads.GenericPart("req-ok"));

        Assert.NotEqual(Verdict.Unspecified, verdict.Verdict);
        Assert.Equal("SER-1", verdict.PartSerial);
        Assert.Equal(4711, verdict.Traceability.ShotNumber);
        Assert.False(verdict.Replayed);
        var view = Assert.Single(verdict.Views);
        Assert.Equal("image", view.ViewId);
        Assert.Equal(256, view.WidthPx);
        Assert.NotEmpty(view.ModelName);
        Assert.NotEmpty(view.TimingsMs);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(image)), view.ImageSha256);
        var stored = await _host.Store.FindAsync("req-ok");
        Assert.NotNull(stored);
        Assert.Equal(image, await File.ReadAllBytesAsync(Path.Combine(_host.DataDirectory, "images", stored.Images[0].RelativePath)));
    }

    [Fact]
    public async Task InspectPart_SameRequestIdTwice_ReturnsStoredVerdictAndStoresOneInspection()
    {
        var first = await Uploads.SendAsync(_host.Client, Uploads.GenericPart("req-twice", seed: 1));

        var second = await Uploads.SendAsync(_host.Client, Uploads.GenericPart("req-twice", seed: 2));

        Assert.True(second.Replayed);
        Assert.Equal(first.Views[0].ImageSha256, second.Views[0].ImageSha256);
        Assert.Equal(first.Verdict, second.Verdict);
        Assert.Equal(first.Reasons, second.Reasons);
        var page = await _host.Store.ListAsync(new InspectionQuery());
        Assert.Single(page.Items, i => i.RequestId == "req-twice");
    }

    [Fact]
    public async Task InspectPart_UnknownPartNumber_NotFoundNamingIt()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_host.Client, Uploads.Part("req-pn", "NO-SUCH-PART", [("image", 64, 64)])));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("NO-SUCH-PART", ex.Status.Detail, StringComparison.Ordinal);
        await AssertStillServingAndNothingStoredAsync("req-pn");
    }

    [Fact]
    public async Task InspectPart_UnknownView_NotFoundNamingTheView()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_host.Client, Uploads.Part("req-view", "generic", [("XR-9", 64, 64)])));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("'XR-9'", ex.Status.Detail, StringComparison.Ordinal);
        await AssertStillServingAndNothingStoredAsync("req-view");
    }

    [Fact]
    public async Task InspectPart_MalformedImage_InvalidArgumentNamingTheView()
    {
        var garbage = new PartUpload { Chunk = new ImageChunk { ViewId = "image", Data = Google.Protobuf.ByteString.CopyFrom(new byte[5000]), Last = true } };

        var ex = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_host.Client, [Uploads.Header("req-bad"), garbage]));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("'image'", ex.Status.Detail, StringComparison.Ordinal);
        await AssertStillServingAndNothingStoredAsync("req-bad");
    }

    [Fact]
    public async Task InspectPart_TruncatedView_InvalidArgumentSayingHowManyBytesArrived()
    {
        var data = Uploads.Raw16Image(128, 128);
        var messages = Uploads.View("image", data, 128, 128, announcedBytes: data.Length * 2L).Prepend(Uploads.Header("req-trunc"));

        var ex = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_host.Client, messages));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("'image'", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Status.Detail, StringComparison.Ordinal);
        await AssertStillServingAndNothingStoredAsync("req-trunc");
    }

    [Fact]
    public async Task InspectPart_OversizedView_ResourceExhaustedNamingTheLimit()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_host.Client, Uploads.GenericPart("req-big", size: 600)));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("'image'", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("MaxImageBytesPerView", ex.Status.Detail, StringComparison.Ordinal);
        await AssertStillServingAndNothingStoredAsync("req-big");
    }

    [Fact]
    public async Task InspectPart_MissingViews_FailedPreconditionListingThem()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_host.Client, Uploads.Part("req-miss", "UB-R-1000", [("XR-1", 256, 256)])));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("XR-2, XR-3, SF-1, SF-2", ex.Status.Detail, StringComparison.Ordinal);
        await AssertStillServingAndNothingStoredAsync("req-miss");
    }

    [Fact]
    public async Task InspectPart_ChunkBeforeHeader_InvalidArgument()
    {
        var data = Uploads.Raw16Image(64, 64);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(_host.Client, Uploads.View("image", data, 64, 64)));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("header", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectPart_ClientCancelsMidStream_NothingStored()
    {
        using var cts = new CancellationTokenSource();
        using var call = _host.Client.InspectPart(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(Uploads.Header("req-cancel"));
        await call.RequestStream.WriteAsync(Uploads.View("image", Uploads.Raw16Image(256, 256), 256, 256).First());
        await Task.Delay(100);

        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await AssertStillServingAndNothingStoredAsync("req-cancel");
        var sha = Convert.ToHexStringLower(SHA256.HashData(Uploads.Raw16Image(256, 256)));
        Assert.False(File.Exists(Path.Combine(_host.DataDirectory, "images", sha[..2], sha)));
    }

    private async Task AssertStillServingAndNothingStoredAsync(string refusedRequestId)
    {
        Assert.Null(await _host.Store.FindAsync(refusedRequestId));
        var next = await Uploads.SendAsync(_host.Client, Uploads.GenericPart(refusedRequestId + "-then-ok", size: 64));
        Assert.Equal("generic", next.PartNumber);
        SqliteConnection.ClearAllPools();
    }
}

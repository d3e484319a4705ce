using System.Security.Cryptography;
using System.Text;
using CastInspect.Server.Hosting;
using Grpc.Core;

namespace CastInspect.Server.Tests.Grpc;

public sealed class SecurityTests
{
    [Fact]
    public void Build_AnyAddressWithoutStationAuthentication_RefusesToStartSayingWhatToConfigure()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
        {
            using var app = CastInspectHost.Build(["--Server:BindAddress=0.0.0.0"]);
        });

        Assert.Contains("0.0.0.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Security:StationKeys", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mutual TLS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectPart_StationKeysConfigured_RefusesMissingAndWrongKeysAcceptsTheRightOne()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("station-7-secret")));
        await using var host = await ServiceHost.StartAsync("--Security:StationKeys:0:Station=ST-7", $"--Security:StationKeys:0:KeySha256={hash}");

        var missing = await Assert.ThrowsAsync<RpcException>(() => Uploads.SendAsync(host.Client, Uploads.GenericPart("req-nokey", size: 64)));
        var wrong = await Assert.ThrowsAsync<RpcException>(() =>
            Uploads.SendAsync(host.Client, Uploads.GenericPart("req-wrongkey", size: 64), new Metadata { { "x-api-key", "guess" } }));
        var verdict = await Uploads.SendAsync(host.Client, Uploads.GenericPart("req-key", size: 64), new Metadata { { "x-api-key", "station-7-secret" } });

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Contains("x-api-key", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Equal("req-key", verdict.RequestId);
    }
}

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CastInspect.Contracts.V1;
using CastInspect.Tests.Shared;
using Grpc.Core;
using Grpc.Net.Client;

namespace CastInspect.Server.Tests.Grpc;

/// <summary>Mutual TLS on the gRPC port over a real socket: only stations whose certificate thumbprint is configured get in.</summary>
public sealed class MutualTlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("castinspect-mtls-").FullName;
    private readonly X509Certificate2 _server = TestCertificates.SelfSigned("CN=castinspect-test-server", server: true);
    private readonly X509Certificate2 _station = TestCertificates.SelfSigned("CN=station-7", server: false);
    private readonly X509Certificate2 _stranger = TestCertificates.SelfSigned("CN=unknown-station", server: false);

    private static readonly StatusCode[] RefusedByTransport = [StatusCode.Unavailable, StatusCode.Internal];

    [Fact]
    public async Task ListInspections_MutualTlsConfigured_AcceptsTheListedStationRefusesOthersAndCertificateless()
    {
        var pfx = Path.Combine(_dir, "server.pfx");
        await File.WriteAllBytesAsync(pfx, _server.Export(X509ContentType.Pkcs12, "pw"));
        await using var host = await ServiceHost.StartAsync(
            $"--Security:CertificatePath={pfx}", "--Security:CertificatePassword=pw", $"--Security:ClientCertificateThumbprints:0={_station.Thumbprint}");

        var listed = await CountAsync(host.GrpcPort, _station);
        var stranger = await Assert.ThrowsAsync<RpcException>(() => CountAsync(host.GrpcPort, _stranger));
        var none = await Assert.ThrowsAsync<RpcException>(() => CountAsync(host.GrpcPort, null));

        Assert.Equal(0, listed);
        // Under TLS 1.3 the server checks the client certificate after the client has finished its side of the
        // handshake, so the refusal reaches the client either as a failed connection (Unavailable) or as a reset of
        // the request it already sent (Internal), depending on timing; both are a refusal with no response data.
        Assert.Contains(stranger.StatusCode, RefusedByTransport);
        Assert.Contains(none.StatusCode, RefusedByTransport);
    }

    public void Dispose()
    {
        _server.Dispose();
        _station.Dispose();
        _stranger.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<int> CountAsync(int port, X509Certificate2? clientCertificate)
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _server.Thumbprint,
            },
        };
        using var channel = GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = false });
        var client = new Inspection.InspectionClient(channel);
        var response = await client.ListInspectionsAsync(new ListInspectionsRequest { PageSize = 10 }, deadline: DateTime.UtcNow.AddSeconds(60));
        return response.Inspections.Count;
    }
}

using System.Security.Cryptography.X509Certificates;
using CastInspect.Server.Hosting;
using CastInspect.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CastInspect.Cli.Tests;

/// <summary><c>castinspect send</c> as a camera integrator runs it, against the real service on 127.0.0.1.</summary>
public sealed class SendCommandTests : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("castinspect-send-").FullName;
    private WebApplication _app = null!;
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        (_app, var port) = await StartHostAsync(Path.Combine(_dir, "data"));
        _server = $"http://127.0.0.1:{port}";
    }

    public async Task DisposeAsync() => await _app.StopAsync();

    public void Dispose()
    {
        ((IDisposable)_app).Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Send_GenericPart_PrintsVerdictWithSerialAndExitsWithItsCode()
    {
        var image = WriteRaw16(128, 128);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            "send", "--server", _server, "--part-number", "generic", "--serial", "SN-0815", "--request-id", "cli-1", "--machine", "GP-1",
            $"image={image}@128x128");

        Assert.True(exit is 0 or 3 or 4, $"exit {exit}: {stderr}");
        var expected = exit switch { 0 => "OK", 3 => "NOK", _ => "REVIEW" };
        Assert.Contains($"generic serial SN-0815: {expected}", stdout, StringComparison.Ordinal);
        Assert.Contains("view image:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MissingViews_ExitsRefusedNamingTheMissingViews()
    {
        var image = WriteRaw16(64, 64);

        var (exit, _, stderr) = await CliProcess.RunAsync(
            "send", "--server", _server, "--part-number", "UB-R-1000", "--serial", "SN-1", $"XR-1={image}@64x64");

        Assert.Equal(5, exit);
        Assert.Contains("FailedPrecondition", stderr, StringComparison.Ordinal);
        Assert.Contains("XR-2, XR-3, SF-1, SF-2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NoServiceListening_ExitsUnreachable()
    {
        var image = WriteRaw16(64, 64);

        var (exit, _, stderr) = await CliProcess.RunAsync(
            "send", "--server", $"http://127.0.0.1:{LoopbackHost.FreePort()}", "--part-number", "generic", "--serial", "SN-2", $"image={image}@64x64");

        Assert.Equal(6, exit);
        Assert.Contains("unreachable", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ImageFileMissing_ExitsUsageNamingTheView()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(
            "send", "--server", _server, "--part-number", "generic", "--serial", "SN-3", "image=/no/such/file.png");

        Assert.Equal(2, exit);
        Assert.Contains("view 'image'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MutualTlsWithStationCertificate_GetsAVerdictAndWithoutItExitsUnreachable()
    {
        using var serverCert = TestCertificates.SelfSigned("CN=castinspect-test-server", server: true);
        using var station = TestCertificates.SelfSigned("CN=station-7", server: false);
        var serverPfx = Path.Combine(_dir, "server.pfx");
        var stationPfx = Path.Combine(_dir, "station.pfx");
        await File.WriteAllBytesAsync(serverPfx, serverCert.Export(X509ContentType.Pkcs12, "srv"));
        await File.WriteAllBytesAsync(stationPfx, station.Export(X509ContentType.Pkcs12, "st7"));
        var (tls, port) = await StartHostAsync(
            Path.Combine(_dir, "tls-data"),
            $"--Security:CertificatePath={serverPfx}", "--Security:CertificatePassword=srv", $"--Security:ClientCertificateThumbprints:0={station.Thumbprint}");
        await using var _ = tls;
        var image = WriteRaw16(64, 64);
        string[] common = ["send", "--server", $"https://127.0.0.1:{port}", "--part-number", "generic", "--server-thumbprint", serverCert.Thumbprint];

        var (exit, stdout, stderr) = await CliProcess.RunAsync([.. common, "--serial", "SN-TLS", "--client-cert", stationPfx, "--client-cert-password", "st7", $"image={image}@64x64"]);
        var (refusedExit, _, refusedErr) = await CliProcess.RunAsync([.. common, "--serial", "SN-NOCERT", $"image={image}@64x64"]);

        Assert.True(exit is 0 or 3 or 4, $"exit {exit}: {stderr}");
        Assert.Contains("generic serial SN-TLS:", stdout, StringComparison.Ordinal);
        Assert.Equal(6, refusedExit);
        Assert.Contains("unreachable", refusedErr, StringComparison.Ordinal);
        await tls.StopAsync();
    }

    private static async Task<(WebApplication App, int GrpcPort)> StartHostAsync(string dataDirectory, params string[] extra)
    {
        var port = 0;
        var app = await LoopbackHost.StartAsync(() => BuildHost(dataDirectory, port = LoopbackHost.FreePort(), extra));
        return (app, port);
    }

    private static WebApplication BuildHost(string dataDirectory, int grpcPort, params string[] extra) => CastInspectHost.Build(
        [
            $"--Server:GrpcPort={grpcPort}",
            $"--Server:HttpPort={LoopbackHost.FreePort()}",
            $"--Store:DataDirectory={dataDirectory}",
            $"--Pipeline:ModelsDirectory={Path.Combine(CliProcess.RepoRoot, "models")}",
            $"--Pipeline:PartProgramsDirectory={Path.Combine(CliProcess.RepoRoot, "samples", "parts")}",
            .. extra,
        ],
        b => b.Logging.ClearProviders());

    private string WriteRaw16(int width, int height)
    {
        var random = new Random(width);
        var bytes = new byte[width * height * 2];
        for (var i = 0; i < width * height; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), (ushort)(30000 + random.Next(-500, 500)));
        }

        var path = Path.Combine(_dir, $"view-{width}x{height}.raw");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

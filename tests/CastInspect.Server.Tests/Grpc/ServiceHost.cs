using CastInspect.Contracts.V1;
using CastInspect.Server.Hosting;
using CastInspect.Storage.Inspections;
using CastInspect.Tests.Shared;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CastInspect.Server.Tests.Grpc;

/// <summary>The real service on 127.0.0.1 (free ports), with a real SQLite file and archive in a temp folder.</summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private ServiceHost(WebApplication app, string dataDirectory, int grpcPort, int httpPort)
    {
        _app = app;
        DataDirectory = dataDirectory;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        Client = new Inspection.InspectionClient(_channel);
    }

    public string DataDirectory { get; }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public GrpcChannel Channel => _channel;

    public Inspection.InspectionClient Client { get; }

    public InspectionStore Store => _app.Services.GetRequiredService<InspectionStore>();

    public static async Task<ServiceHost> StartAsync(params string[] settings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("castinspect-server-").FullName;
        int grpcPort = 0, httpPort = 0;
        var app = await LoopbackHost.StartAsync(() =>
        {
            (grpcPort, httpPort) = (LoopbackHost.FreePort(), LoopbackHost.FreePort());
            return CastInspectHost.Build(
                [
                    $"--Server:GrpcPort={grpcPort}",
                    $"--Server:HttpPort={httpPort}",
                    $"--Store:DataDirectory={dataDirectory}",
                    .. TestPipeline.Settings,
                    .. settings,
                ],
                builder => builder.Logging.ClearProviders());
        });
        return new ServiceHost(app, dataDirectory, grpcPort, httpPort);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

using System.Net;
using System.Net.Sockets;
using CastInspect.Contracts.V1;
using CastInspect.Server.Hosting;
using CastInspect.Storage.Inspections;
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

    /// <summary>Starts the service on two free ports. A port found free can be taken before Kestrel binds it (the
    /// clients of tests running beside this one open connections from the same ephemeral range), so a start that
    /// finds its port in use is retried on new ports.</summary>
    public static async Task<ServiceHost> StartAsync(params string[] settings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("castinspect-server-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var grpcPort = FreePort();
            var httpPort = FreePort();
            string[] args =
            [
                $"--Server:GrpcPort={grpcPort}",
                $"--Server:HttpPort={httpPort}",
                $"--Store:DataDirectory={dataDirectory}",
                .. TestPipeline.Settings,
                .. settings,
            ];
            var app = CastInspectHost.Build(args, builder =>
            {
                builder.Logging.ClearProviders();
            });
            try
            {
                await app.StartAsync();
                return new ServiceHost(app, dataDirectory, grpcPort, httpPort);
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await app.DisposeAsync();
                SqliteConnection.ClearAllPools();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

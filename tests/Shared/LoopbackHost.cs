using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;

namespace CastInspect.Tests.Shared;

/// <summary>The real service started on free loopback ports.</summary>
internal static class LoopbackHost
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Builds and starts the service. A port found free can be taken before Kestrel binds it (the clients of
    /// tests running beside this one open connections from the same ephemeral range), so a start that finds its port
    /// in use is built again (<paramref name="build"/> picks new ports) and retried, up to five times.</summary>
    public static async Task<WebApplication> StartAsync(Func<WebApplication> build)
    {
        for (var attempt = 1; ; attempt++)
        {
            var app = build();
            try
            {
                await app.StartAsync();
                return app;
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is AddressInUseException)
            {
                await app.DisposeAsync();
                SqliteConnection.ClearAllPools();
            }
        }
    }
}

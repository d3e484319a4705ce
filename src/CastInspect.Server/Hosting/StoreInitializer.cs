using CastInspect.Server.Logging;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CastInspect.Server.Hosting;

/// <summary>
/// Before the service accepts calls: applies the store's migrations and sweeps temporary archive files that a killed
/// server left half-written (older than <see cref="OrphanAge"/>, so a write in flight elsewhere is never touched).
/// </summary>
internal sealed class StoreInitializer(SqliteConnectionFactory connections, ImageArchive archive, ILogger<StoreInitializer> logger) : IHostedService
{
    public static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrationRunner.ApplyAsync(connections, cancellationToken).ConfigureAwait(false);
        var swept = archive.SweepTemporaryFiles(OrphanAge);
        if (swept > 0)
        {
            ServerLog.OrphansSwept(logger, swept, archive.RootPath);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

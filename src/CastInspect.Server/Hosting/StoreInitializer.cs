using CastInspect.Storage.Sqlite;
using Microsoft.Extensions.Hosting;

namespace CastInspect.Server.Hosting;

/// <summary>Applies the store's migrations before the service accepts calls.</summary>
internal sealed class StoreInitializer(SqliteConnectionFactory connections) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => MigrationRunner.ApplyAsync(connections, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

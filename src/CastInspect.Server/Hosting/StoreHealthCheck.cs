using CastInspect.Storage.Sqlite;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CastInspect.Server.Hosting;

/// <summary>Serving while the SQLite store answers a query.</summary>
internal sealed class StoreHealthCheck(SqliteConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations").ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            return HealthCheckResult.Unhealthy("the SQLite store does not answer", e);
        }
    }
}

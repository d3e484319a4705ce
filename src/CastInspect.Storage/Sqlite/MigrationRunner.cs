using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CastInspect.Storage.Sqlite;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, each in its own transaction, recording each in
/// <c>schema_migrations</c>. Safe to run at every start-up.
/// </summary>
public static class MigrationRunner
{
    public static async Task<IReadOnlyList<string>> ApplyAsync(SqliteConnectionFactory factory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var connection = await factory.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_utc TEXT NOT NULL)").ConfigureAwait(false);
            var applied = (await connection.QueryAsync<string>("SELECT id FROM schema_migrations").ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            var newlyApplied = new List<string>();
            foreach (var (id, sql) in EmbeddedMigrations())
            {
                if (applied.Contains(id))
                {
                    continue;
                }

                using var tx = connection.BeginTransaction();
                await connection.ExecuteAsync(sql, transaction: tx).ConfigureAwait(false);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (id, applied_utc) VALUES (@id, @at)",
                    new { id, at = DateTimeOffset.UtcNow.ToString("O") },
                    tx).ConfigureAwait(false);
                tx.Commit();
                newlyApplied.Add(id);
            }

            return newlyApplied;
        }
    }

    internal static IEnumerable<(string Id, string Sql)> EmbeddedMigrations()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        const string marker = ".Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Id: n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^4], Resource: n))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => (m.Id, Read(assembly, m.Resource)));
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

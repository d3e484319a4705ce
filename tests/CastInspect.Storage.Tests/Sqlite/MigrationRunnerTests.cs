using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Storage.Tests.Sqlite;

public sealed class MigrationRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("castinspect-store-").FullName;

    [Fact]
    public async Task ApplyAsync_FreshFile_CreatesSchemaOnceAndIsIdempotent()
    {
        var factory = new SqliteConnectionFactory(new StoreOptions { DataDirectory = _dir });

        var first = await MigrationRunner.ApplyAsync(factory);
        var second = await MigrationRunner.ApplyAsync(factory);

        Assert.Contains("0001_initial", first);
        Assert.Empty(second);
        await using var c = await factory.OpenAsync();
        var tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type='table'")).ToList();
        Assert.Contains("inspections", tables);
        Assert.Contains("dispositions", tables);
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task Dispositions_UpdateAttempt_IsRefusedByAuditTrigger()
    {
        var factory = new SqliteConnectionFactory(new StoreOptions { DataDirectory = _dir });
        await MigrationRunner.ApplyAsync(factory);
        await using var c = await factory.OpenAsync();
        await c.ExecuteAsync("INSERT INTO part_program_versions (part_number, revision, sha256, content_json, first_seen_utc) VALUES ('P', 1, 'x', '{}', 't')");
        await c.ExecuteAsync("""
            INSERT INTO inspections (request_id, part_serial, part_number, part_program_version_id, captured_utc, received_utc, verdict, reasons_json, total_ms, result_json)
            VALUES ('r1', 's1', 'P', 1, 't', 't', 'NOK', '[]', 1, '{}')
            """);
        await c.ExecuteAsync("INSERT INTO dispositions (inspection_id, decision, previous_state, comment, user_name, decided_utc) VALUES (1, 'NOK_SCRAP', 'NOK', 'c', 'u', 't')");

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("UPDATE dispositions SET comment = 'edited'"));

        Assert.Contains("audit trail", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

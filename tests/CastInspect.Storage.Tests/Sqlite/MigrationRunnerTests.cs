using CastInspect.Storage.Sqlite;
using CastInspect.Storage.Viewer;
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

    [Fact]
    public async Task ApplyAsync_StoreWrittenBeforeSecondLookScores_AddsTheColumnAndItsDefectsHaveNoScore()
    {
        var factory = new SqliteConnectionFactory(new StoreOptions { DataDirectory = _dir });
        await using (var c = await factory.OpenAsync())
        {
            await c.ExecuteAsync("CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_utc TEXT NOT NULL)");
            foreach (var (id, sql) in MigrationRunner.EmbeddedMigrations().Where(m => m.Id is "0001_initial" or "0002_defect_ignored_reason" or "0020_reprocess_items"))
            {
                await c.ExecuteAsync(sql);
                await c.ExecuteAsync("INSERT INTO schema_migrations (id, applied_utc) VALUES (@id, 't')", new { id });
            }

            await c.ExecuteAsync("""
                INSERT INTO part_program_versions (part_number, revision, sha256, content_json, first_seen_utc) VALUES ('P', 1, 'x', '{}', 't');
                INSERT INTO inspections (request_id, part_serial, part_number, part_program_version_id, captured_utc, received_utc, verdict, reasons_json, total_ms, result_json)
                VALUES ('r1', 's1', 'P', 1, '2026-03-02T06:00:00.0000000Z', '2026-03-02T06:00:01.0000000Z', 'OK', '[]', 1, '{}');
                INSERT INTO images (sha256, relative_path, byte_length, encoding, width_px, height_px, bit_depth, stored_utc) VALUES ('ab', 'a/ab', 1, 'png', 64, 64, 16, 't');
                INSERT INTO inspection_views (inspection_id, view_id, modality, image_sha256, verdict, reasons_json, registration_score, transform_json, quality_json, timings_json)
                VALUES (1, 'SF-1', 'surface', 'ab', 'OK', '[]', 1, '{}', '{}', '{}');
                INSERT INTO defects (inspection_view_id, defect_index, class, bbox_x, bbox_y, bbox_w, bbox_h, centroid_x_px, centroid_y_px, centroid_x_mm,
                    centroid_y_mm, area_px, area_mm2, equivalent_diameter_mm, length_mm, mean_confidence, max_confidence, zones_json, ignored, outline_px_json)
                VALUES (1, 0, 'porosity', 1, 1, 4, 4, 3, 3, 0.3, 0.3, 12, 0.12, 0.4, 0.4, 0.9, 0.95, '[]', 0, '[]');
                """);
        }

        var applied = await MigrationRunner.ApplyAsync(factory);
        var part = await new PartDetailStore(factory).GetAsync(1);

        Assert.Contains("0003_defect_second_look_score", applied);
        var defect = Assert.Single(Assert.Single(part!.Views).Defects);
        Assert.Null(defect.SecondLookScore);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

using System.Data;
using CastInspect.Core.Parts;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CastInspect.Storage.Reprocessing;

/// <summary>
/// Reprocessing runs in the store. A run's selection is resolved to inspection ids once, at creation, so a resumed run
/// re-judges exactly the same set; each result is committed on its own and is unique per (run, inspection), so an
/// interrupted run resumes with no duplicates and no gaps. The line's rows (<c>inspections</c> and below) are only read.
/// </summary>
public sealed class ReprocessStore(SqliteConnectionFactory connections)
{
    private const string PendingFilter = """
        it.run_id = @runId
        AND NOT EXISTS (SELECT 1 FROM reprocess_results r WHERE r.run_id = it.run_id AND r.inspection_id = it.inspection_id)
        AND NOT EXISTS (SELECT 1 FROM reprocess_failures f WHERE f.run_id = it.run_id AND f.inspection_id = it.inspection_id)
        """;

    public async Task<ReprocessRun?> FindRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<RunRow>(
                """
                SELECT id AS Id, created_utc AS CreatedUtc, selection_json AS SelectionJson, model_manifest_json AS ModelManifestJson,
                       part_program_version_id AS PartProgramVersionId, status AS Status, total AS Total, finished_utc AS FinishedUtc
                FROM reprocess_runs WHERE id = @runId
                """,
                new { runId }).ConfigureAwait(false);
            return row?.ToRun();
        }
    }

    /// <summary>Creates the run and freezes its selection, in one transaction.</summary>
    /// <exception cref="ReprocessRunExistsException">A run with this id exists.</exception>
    public async Task<ReprocessRun> CreateRunAsync(NewReprocessRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reprocess_runs WHERE id = @RunId", new { run.RunId }, tx).ConfigureAwait(false) > 0)
            {
                throw new ReprocessRunExistsException(run.RunId);
            }

            var now = StoreJson.FormatTime(DateTimeOffset.UtcNow);
            var refs = new List<ReprocessProgramRef>();
            foreach (var program in run.Programs.Values.OrderBy(p => p.PartNumber, StringComparer.Ordinal))
            {
                refs.Add(new ReprocessProgramRef(program.PartNumber, program.Revision, await PartProgramVersions.UpsertAsync(connection, tx, program, now).ConfigureAwait(false)));
            }

            var selected = await SelectAsync(connection, tx, run.Selection).ConfigureAwait(false);
            var byPart = refs.ToDictionary(r => r.PartNumber, r => r.VersionId, StringComparer.Ordinal);
            await connection.ExecuteAsync(
                """
                INSERT INTO reprocess_runs (id, created_utc, selection_json, model_manifest_json, part_program_version_id, status, total, finished_utc)
                VALUES (@RunId, @now, @settings, @ModelManifestJson, @programId, @status, @total, NULL)
                """,
                new
                {
                    run.RunId,
                    now,
                    settings = StoreJson.Serialize(new ReprocessRunSettings(run.Selection, run.ModelsDirectory, refs)),
                    run.ModelManifestJson,
                    programId = refs.Count == 1 ? refs[0].VersionId : (long?)null,
                    status = ReprocessStatus.Created,
                    total = selected.Count,
                },
                tx).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO reprocess_run_items (run_id, inspection_id, part_program_version_id) VALUES (@runId, @inspectionId, @programId)",
                selected.Select(s => new
                {
                    runId = run.RunId,
                    inspectionId = s.Id,
                    programId = byPart.GetValueOrDefault(s.PartNumber, s.ProgramVersionId),
                }),
                tx).ConfigureAwait(false);
            tx.Commit();
        }

        return (await FindRunAsync(run.RunId, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The selected inspections of the run that have neither a result nor a recorded failure, by inspection id.</summary>
    public async Task<IReadOnlyList<ReprocessItem>> PendingAsync(string runId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var grid = await connection.QueryMultipleAsync(
                $"""
                SELECT it.inspection_id AS InspectionId, i.part_serial AS PartSerial, i.part_number AS PartNumber, i.verdict AS Verdict,
                       i.reasons_json AS ReasonsJson, it.part_program_version_id AS ProgramVersionId
                FROM reprocess_run_items it JOIN inspections i ON i.id = it.inspection_id
                WHERE {PendingFilter}
                ORDER BY it.inspection_id;
                SELECT v.inspection_id AS InspectionId, v.view_id AS ViewId, v.modality AS Modality, im.sha256 AS Sha256,
                       im.relative_path AS RelativePath, im.byte_length AS ByteLength, im.encoding AS Encoding,
                       im.width_px AS WidthPx, im.height_px AS HeightPx
                FROM reprocess_run_items it
                JOIN inspection_views v ON v.inspection_id = it.inspection_id
                JOIN images im ON im.sha256 = v.image_sha256
                WHERE {PendingFilter}
                ORDER BY v.inspection_id, v.id;
                """,
                new { runId }).ConfigureAwait(false);
            var items = (await grid.ReadAsync<PendingRow>().ConfigureAwait(false)).ToList();
            var views = (await grid.ReadAsync<ViewRow>().ConfigureAwait(false)).ToLookup(v => v.InspectionId);
            return items.Select(i => i.ToItem(views[i.InspectionId])).ToList();
        }
    }

    /// <summary>The stored part programs with these version ids.</summary>
    public async Task<IReadOnlyDictionary<long, PartProgram>> ProgramsAsync(IEnumerable<long> versionIds, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<ProgramRow>(
                "SELECT id AS Id, content_json AS ContentJson FROM part_program_versions WHERE id IN @ids",
                new { ids = versionIds.Distinct().ToArray() }).ConfigureAwait(false);
            return rows.ToDictionary(r => r.Id, r => StoreJson.Deserialize<PartProgram>(r.ContentJson));
        }
    }

    /// <summary>Stores one result in its own transaction; false when the run already has a result for the inspection.</summary>
    public async Task<bool> SaveResultAsync(string runId, ReprocessResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return await ExecuteOnceAsync(
            """
            INSERT INTO reprocess_results (run_id, inspection_id, old_verdict, new_verdict, old_reasons_json, new_reasons_json, result_json, processed_utc)
            VALUES (@runId, @InspectionId, @oldVerdict, @newVerdict, @oldReasons, @newReasons, @result, @now)
            ON CONFLICT (run_id, inspection_id) DO NOTHING
            """,
            new
            {
                runId,
                result.InspectionId,
                oldVerdict = VerdictText.Of(result.OldVerdict),
                newVerdict = VerdictText.Of(result.NewVerdict),
                oldReasons = StoreJson.Serialize(result.OldReasons),
                newReasons = StoreJson.Serialize(result.NewReasons),
                result = StoreJson.Serialize(result.Result),
                now = StoreJson.FormatTime(DateTimeOffset.UtcNow),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that an inspection could not be re-judged; false when the run already has an outcome for it.</summary>
    public async Task<bool> SaveFailureAsync(string runId, long inspectionId, string error, CancellationToken cancellationToken = default) =>
        await ExecuteOnceAsync(
            """
            INSERT INTO reprocess_failures (run_id, inspection_id, error, processed_utc)
            SELECT @runId, @inspectionId, @error, @now
            WHERE NOT EXISTS (SELECT 1 FROM reprocess_results WHERE run_id = @runId AND inspection_id = @inspectionId)
            ON CONFLICT (run_id, inspection_id) DO NOTHING
            """,
            new { runId, inspectionId, error, now = StoreJson.FormatTime(DateTimeOffset.UtcNow) },
            cancellationToken).ConfigureAwait(false);

    public async Task SetStatusAsync(string runId, string status, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(
                "UPDATE reprocess_runs SET status = @status, finished_utc = CASE WHEN @status = @completed THEN @now ELSE NULL END WHERE id = @runId",
                new { runId, status, completed = ReprocessStatus.Completed, now = StoreJson.FormatTime(DateTimeOffset.UtcNow) }).ConfigureAwait(false);
        }
    }

    /// <summary>Every result of the run with its part, by inspection id.</summary>
    public async Task<IReadOnlyList<StoredReprocessResult>> ResultsAsync(string runId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<ResultRow>(
                """
                SELECT r.inspection_id AS InspectionId, i.part_serial AS PartSerial, i.part_number AS PartNumber, r.old_verdict AS OldVerdict,
                       r.new_verdict AS NewVerdict, r.old_reasons_json AS OldReasonsJson, r.new_reasons_json AS NewReasonsJson,
                       r.processed_utc AS ProcessedUtc
                FROM reprocess_results r JOIN inspections i ON i.id = r.inspection_id
                WHERE r.run_id = @runId ORDER BY r.inspection_id
                """,
                new { runId }).ConfigureAwait(false);
            return rows.Select(r => r.ToResult()).ToList();
        }
    }

    /// <summary>Forgets the run's recorded failures so a resumed run takes those parts again; returns how many.</summary>
    public async Task<int> ClearFailuresAsync(string runId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.ExecuteAsync(
                new CommandDefinition("DELETE FROM reprocess_failures WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ReprocessFailure>> FailuresAsync(string runId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<FailureRow>(
                """
                SELECT f.inspection_id AS InspectionId, i.part_serial AS PartSerial, i.part_number AS PartNumber, f.error AS Error,
                       f.processed_utc AS ProcessedUtc
                FROM reprocess_failures f JOIN inspections i ON i.id = f.inspection_id
                WHERE f.run_id = @runId ORDER BY f.inspection_id
                """,
                new { runId }).ConfigureAwait(false);
            return rows.Select(r => r.ToFailure()).ToList();
        }
    }

    private async Task<bool> ExecuteOnceAsync(string sql, object args, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction(deferred: false);
            var inserted = await connection.ExecuteAsync(sql, args, tx).ConfigureAwait(false);
            tx.Commit();
            return inserted == 1;
        }
    }

    private static async Task<List<SelectedRow>> SelectAsync(SqliteConnection connection, SqliteTransaction tx, ReprocessSelection s)
    {
        var where = new List<string>();
        var args = new DynamicParameters();
        void Add(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                args.Add(name, value);
            }
        }

        Add("i.captured_utc >= @from", "from", s.CapturedFrom is { } from ? StoreJson.FormatTime(from) : null);
        Add("i.captured_utc < @to", "to", s.CapturedTo is { } to ? StoreJson.FormatTime(to) : null);
        Add("i.part_number = @partNumber", "partNumber", string.IsNullOrEmpty(s.PartNumber) ? null : s.PartNumber);
        Add("i.verdict = @verdict", "verdict", s.Verdict is { } v ? VerdictText.Of(v) : null);
        if (string.Equals(s.Disposition, ReprocessSelection.NoDisposition, StringComparison.OrdinalIgnoreCase))
        {
            where.Add("i.disposition IS NULL");
        }
        else
        {
            Add("i.disposition = @disposition", "disposition", string.IsNullOrEmpty(s.Disposition) ? null : s.Disposition);
        }

        Add("i.id IN @ids", "ids", s.InspectionIds is { Count: > 0 } ids ? ids.ToArray() : null);
        var sql = "SELECT i.id AS Id, i.part_number AS PartNumber, i.part_program_version_id AS ProgramVersionId FROM inspections i"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY i.id";
        return (await connection.QueryAsync<SelectedRow>(sql, args, tx).ConfigureAwait(false)).ToList();
    }
}

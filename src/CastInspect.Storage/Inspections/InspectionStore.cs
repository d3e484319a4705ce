using System.Data;
using System.Globalization;
using CastInspect.Core.Inspection;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CastInspect.Storage.Inspections;

/// <summary>
/// Inspections in the SQLite store. <see cref="SaveAsync"/> writes an inspection with its views, zone results, defects,
/// part-program and model versions in one transaction and is idempotent on the request id.
/// </summary>
public sealed class InspectionStore(SqliteConnectionFactory connections)
{
    private const int SqliteConstraint = 19;

    private const string SummarySelect = """
        SELECT i.id AS Id, i.request_id AS RequestId, i.part_serial AS PartSerial, i.part_number AS PartNumber,
               p.revision AS Revision, i.machine AS Machine, i.die AS Die, i.cavity AS Cavity, i.shot_number AS ShotNumber,
               i.line AS Line, i.captured_utc AS CapturedUtc, i.received_utc AS ReceivedUtc, i.verdict AS Verdict,
               i.reasons_json AS ReasonsJson, i.total_ms AS TotalMs, i.disposition AS Disposition
        FROM inspections i JOIN part_program_versions p ON p.id = i.part_program_version_id
        """;

    /// <summary>
    /// Stores the inspection unless one with the same request id exists; either way returns what is stored.
    /// The images must already be archived: the transaction only records them.
    /// </summary>
    public async Task<SaveResult> SaveAsync(NewInspection inspection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var existing = await FindAsync(inspection.RequestId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new SaveResult(existing, false);
        }

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                using var tx = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
                await InspectionWriter.WriteAsync(connection, tx, inspection).ConfigureAwait(false);
                tx.Commit();
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint && e.Message.Contains("request_id", StringComparison.Ordinal))
            {
                var stored = await FindAsync(inspection.RequestId, cancellationToken).ConfigureAwait(false);
                return new SaveResult(stored ?? throw new InvalidOperationException("request id conflict without a stored row", e), false);
            }
        }

        var saved = await FindAsync(inspection.RequestId, cancellationToken).ConfigureAwait(false);
        return new SaveResult(saved!, true);
    }

    /// <summary>The stored inspection for a request id, or null.</summary>
    public async Task<StoredInspection?> FindAsync(string requestId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<SummaryRow>(
                SummarySelect + " WHERE i.request_id = @requestId", new { requestId }).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var json = await connection.ExecuteScalarAsync<string>(
                "SELECT result_json FROM inspections WHERE id = @id", new { id = row.Id }).ConfigureAwait(false);
            var images = await connection.QueryAsync<ImageRow>(
                """
                SELECT v.view_id AS ViewId, v.modality AS Modality, im.sha256 AS Sha256, im.relative_path AS RelativePath,
                       im.byte_length AS ByteLength, im.encoding AS Encoding
                FROM inspection_views v JOIN images im ON im.sha256 = v.image_sha256
                WHERE v.inspection_id = @id ORDER BY v.id
                """,
                new { id = row.Id }).ConfigureAwait(false);
            return new StoredInspection(
                row.ToSummary(),
                StoreJson.Deserialize<PartInspection>(json!),
                images.Select(i => i.ToRecord()).ToList());
        }
    }

    /// <summary>Inspections matching the query, newest capture first, one page at a time (keyset paging on the capture index).</summary>
    public async Task<InspectionPage> ListAsync(InspectionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize <= 0 ? 50 : query.PageSize, 1, InspectionQuery.MaxPageSize);
        var where = new List<string>();
        var args = new DynamicParameters();
        if (query.CapturedFrom is { } from)
        {
            where.Add("i.captured_utc >= @from");
            args.Add("from", StoreJson.FormatTime(from));
        }

        if (query.CapturedTo is { } to)
        {
            where.Add("i.captured_utc < @to");
            args.Add("to", StoreJson.FormatTime(to));
        }

        AddEquals(where, args, "i.part_number", "partNumber", query.PartNumber);
        AddEquals(where, args, "i.part_serial", "serial", query.PartSerial);
        AddEquals(where, args, "i.verdict", "verdict", query.Verdict is { } v ? VerdictText.Of(v) : null);
        if (string.Equals(query.Disposition, InspectionQuery.NoDisposition, StringComparison.OrdinalIgnoreCase))
        {
            where.Add("i.disposition IS NULL");
        }
        else
        {
            AddEquals(where, args, "i.disposition", "disposition", query.Disposition);
        }

        if (PageToken.TryParse(query.PageToken, out var after))
        {
            where.Add("(i.captured_utc < @afterCaptured OR (i.captured_utc = @afterCaptured AND i.id < @afterId))");
            args.Add("afterCaptured", after.CapturedUtc);
            args.Add("afterId", after.Id);
        }

        args.Add("take", pageSize + 1);
        var sql = SummarySelect
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY i.captured_utc DESC, i.id DESC LIMIT @take";
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = (await connection.QueryAsync<SummaryRow>(sql, args).ConfigureAwait(false)).ToList();
            var page = rows.Take(pageSize).ToList();
            var next = rows.Count > pageSize ? new PageToken(page[^1].CapturedUtc, page[^1].Id).ToString() : null;
            return new InspectionPage(page.Select(r => r.ToSummary()).ToList(), next);
        }
    }

    private static void AddEquals(List<string> where, DynamicParameters args, string column, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            where.Add(string.Create(CultureInfo.InvariantCulture, $"{column} = @{name}"));
            args.Add(name, value);
        }
    }
}

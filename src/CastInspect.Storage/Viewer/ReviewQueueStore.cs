using CastInspect.Core.Verdicts;
using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Storage.Viewer;

/// <summary>Filters of the review queue; null or empty means "any".</summary>
/// <param name="From">Captured at or after (inclusive).</param>
/// <param name="To">Captured before (exclusive).</param>
/// <param name="PartNumber">Exact part number.</param>
/// <param name="Serial">Serial prefix.</param>
/// <param name="Verdict">NOK or REVIEW; null for both.</param>
public sealed record QueueFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? PartNumber = null,
    string? Serial = null,
    string? Machine = null,
    string? Die = null,
    string? Cavity = null,
    Verdict? Verdict = null);

/// <summary>One part waiting for a disposition.</summary>
public sealed record QueueItem(
    long Id,
    DateTimeOffset CapturedUtc,
    string PartNumber,
    string Serial,
    string Machine,
    string Die,
    string Cavity,
    long ShotNumber,
    Verdict Verdict,
    IReadOnlyList<string> Reasons);

/// <summary>A page of the queue; <see cref="NextAfterId"/> is the cursor of the next page, null on the last.</summary>
public sealed record QueuePage(IReadOnlyList<QueueItem> Items, long? NextAfterId, long Waiting);

/// <summary>
/// The review queue: parts the line judged NOK or REVIEW that have no disposition yet, newest capture first, keyset-paged
/// on <c>ix_inspections_queue</c> (verdict, disposition, captured_utc).
/// </summary>
public sealed class ReviewQueueStore(SqliteConnectionFactory connections)
{
    /// <summary>Largest page served.</summary>
    public const int MaxPageSize = 200;

    public async Task<QueuePage> PageAsync(QueueFilter filter, long? afterId = null, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var (where, args) = Where(filter);
        var pageWhere = where;
        if (afterId is { } after)
        {
            pageWhere += """
                 AND (i.captured_utc < (SELECT captured_utc FROM inspections WHERE id = @after)
                      OR (i.captured_utc = (SELECT captured_utc FROM inspections WHERE id = @after) AND i.id < @after))
                """;
            args.Add("after", after);
        }

        args.Add("take", pageSize + 1);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = (await connection.QueryAsync<QueueRow>(
                $"""
                SELECT i.id AS Id, i.captured_utc AS CapturedUtc, i.part_number AS PartNumber, i.part_serial AS Serial, i.machine AS Machine,
                       i.die AS Die, i.cavity AS Cavity, i.shot_number AS ShotNumber, i.verdict AS Verdict, i.reasons_json AS ReasonsJson
                FROM inspections i WHERE {pageWhere}
                ORDER BY i.captured_utc DESC, i.id DESC LIMIT @take
                """,
                args).ConfigureAwait(false)).ToList();
            var waiting = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM inspections i WHERE {where}", args).ConfigureAwait(false);
            var items = rows.Take(pageSize).Select(r => r.ToItem()).ToList();
            return new QueuePage(items, rows.Count > pageSize ? items[^1].Id : null, waiting);
        }
    }

    private static (string Where, DynamicParameters Args) Where(QueueFilter f)
    {
        var args = new DynamicParameters();
        var clauses = new List<string> { "i.disposition IS NULL" };
        if (f.Verdict is { } v && v != Verdict.Ok)
        {
            clauses.Add("i.verdict = @verdict");
            args.Add("verdict", ViewerText.Of(v));
        }
        else
        {
            clauses.Add("i.verdict IN ('NOK', 'REVIEW')");
        }

        if (f.From is { } from)
        {
            clauses.Add("i.captured_utc >= @from");
            args.Add("from", ViewerText.Time(from));
        }

        if (f.To is { } to)
        {
            clauses.Add("i.captured_utc < @to");
            args.Add("to", ViewerText.Time(to));
        }

        if (!string.IsNullOrWhiteSpace(f.Serial))
        {
            clauses.Add("i.part_serial >= @serial AND i.part_serial < @serialEnd");
            args.Add("serial", f.Serial.Trim());
            args.Add("serialEnd", f.Serial.Trim() + "\uffff");
        }

        Equal(clauses, args, "part_number", f.PartNumber);
        Equal(clauses, args, "machine", f.Machine);
        Equal(clauses, args, "die", f.Die);
        Equal(clauses, args, "cavity", f.Cavity);
        return (string.Join(" AND ", clauses), args);
    }

    private static void Equal(List<string> clauses, DynamicParameters args, string column, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            clauses.Add($"i.{column} = @{column}");
            args.Add(column, value.Trim());
        }
    }

    private sealed class QueueRow
    {
        public long Id { get; set; }

        public string CapturedUtc { get; set; } = string.Empty;

        public string PartNumber { get; set; } = string.Empty;

        public string Serial { get; set; } = string.Empty;

        public string Machine { get; set; } = string.Empty;

        public string Die { get; set; } = string.Empty;

        public string Cavity { get; set; } = string.Empty;

        public long ShotNumber { get; set; }

        public string Verdict { get; set; } = string.Empty;

        public string ReasonsJson { get; set; } = "[]";

        public QueueItem ToItem() => new(
            Id, ViewerText.ParseTime(CapturedUtc), PartNumber, Serial, Machine, Die, Cavity, ShotNumber,
            ViewerText.ParseVerdict(Verdict), ViewerText.Strings(ReasonsJson));
    }
}

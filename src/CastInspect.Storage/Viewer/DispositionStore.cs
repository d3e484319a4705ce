using System.Data;
using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Storage.Viewer;

/// <summary>
/// The disposition audit trail: every decision is a new row that supersedes the previous one, written together with the
/// denormalised <c>inspections.disposition</c> in one transaction.
/// </summary>
public sealed class DispositionStore(SqliteConnectionFactory connections)
{
    /// <summary>Longest comment accepted, in characters.</summary>
    public const int MaxCommentLength = 2000;

    private const string Select = """
        SELECT id AS Id, inspection_id AS InspectionId, decision AS Decision, previous_state AS PreviousState, comment AS Comment,
               user_name AS UserName, decided_utc AS DecidedUtc, supersedes_id AS SupersedesId
        FROM dispositions
        """;

    /// <summary>Records a decision on a part.</summary>
    /// <param name="inspectionId">The inspection (part) decided on.</param>
    /// <param name="decision">Scrap, rework or release.</param>
    /// <param name="comment">Why; required to release a part the line judged NOK or REVIEW.</param>
    /// <param name="userName">The reviewer.</param>
    /// <param name="expectedLatestId">The latest entry the reviewer saw (null: none); a different latest entry means someone else decided meanwhile.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ViewerStoreException">Unknown part, missing comment, or a decision made meanwhile by someone else.</exception>
    public async Task<DispositionEntry> RecordAsync(
        long inspectionId, DispositionDecision decision, string? comment, string userName, long? expectedLatestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        comment = comment?.Trim() ?? string.Empty;
        if (comment.Length > MaxCommentLength)
        {
            throw new ViewerStoreException(ViewerStoreProblem.Invalid, $"comment is too long: {comment.Length} characters, at most {MaxCommentLength}");
        }

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
            var verdict = await connection.ExecuteScalarAsync<string?>(
                "SELECT verdict FROM inspections WHERE id = @inspectionId", new { inspectionId }, tx).ConfigureAwait(false)
                ?? throw new ViewerStoreException(ViewerStoreProblem.NotFound, $"no inspection {inspectionId}");
            if (decision == DispositionDecision.ReleasedOk && verdict != "OK" && comment.Length == 0)
            {
                throw new ViewerStoreException(ViewerStoreProblem.Invalid, $"a comment is required to release a {verdict} part as OK");
            }

            var latest = await connection.QuerySingleOrDefaultAsync<(long Id, string Decision)?>(
                "SELECT id, decision FROM dispositions WHERE inspection_id = @inspectionId ORDER BY id DESC LIMIT 1",
                new { inspectionId },
                tx).ConfigureAwait(false);
            if (latest?.Id != expectedLatestId)
            {
                var who = latest is null ? "nobody" : await connection.ExecuteScalarAsync<string>(
                    "SELECT user_name FROM dispositions WHERE id = @id", new { id = latest.Value.Id }, tx).ConfigureAwait(false);
                throw new ViewerStoreException(
                    ViewerStoreProblem.Conflict,
                    $"the disposition of this part changed meanwhile (now: {DispositionText.Words(latest?.Decision ?? verdict)} by {who}); reload and decide again");
            }

            var decisionText = DispositionText.Of(decision);
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO dispositions (inspection_id, decision, previous_state, comment, user_name, decided_utc, supersedes_id)
                VALUES (@inspectionId, @decisionText, @previous, @comment, @userName, @now, @supersedes)
                RETURNING id
                """,
                new
                {
                    inspectionId,
                    decisionText,
                    previous = latest?.Decision ?? verdict,
                    comment,
                    userName,
                    now = ViewerText.Time(DateTimeOffset.UtcNow),
                    supersedes = latest?.Id,
                },
                tx).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "UPDATE inspections SET disposition = @decisionText WHERE id = @inspectionId", new { decisionText, inspectionId }, tx).ConfigureAwait(false);
            var entry = await connection.QuerySingleAsync<DispositionRow>(Select + " WHERE id = @id", new { id }, tx).ConfigureAwait(false);
            tx.Commit();
            return entry.ToEntry();
        }
    }

    /// <summary>A part's audit trail, newest first.</summary>
    public async Task<IReadOnlyList<DispositionEntry>> HistoryAsync(long inspectionId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await HistoryAsync(connection, inspectionId).ConfigureAwait(false);
        }
    }

    internal static async Task<IReadOnlyList<DispositionEntry>> HistoryAsync(System.Data.Common.DbConnection connection, long inspectionId)
    {
        var rows = await connection.QueryAsync<DispositionRow>(
            Select + " WHERE inspection_id = @inspectionId ORDER BY id DESC", new { inspectionId }).ConfigureAwait(false);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    private sealed class DispositionRow
    {
        public long Id { get; set; }

        public long InspectionId { get; set; }

        public string Decision { get; set; } = string.Empty;

        public string PreviousState { get; set; } = string.Empty;

        public string Comment { get; set; } = string.Empty;

        public string UserName { get; set; } = string.Empty;

        public string DecidedUtc { get; set; } = string.Empty;

        public long? SupersedesId { get; set; }

        public DispositionEntry ToEntry() => new(
            Id,
            InspectionId,
            DispositionText.TryParse(Decision, out var d) ? d : throw new InvalidDataException($"unknown disposition '{Decision}' in the store"),
            PreviousState,
            Comment,
            UserName,
            ViewerText.ParseTime(DecidedUtc),
            SupersedesId);
    }
}

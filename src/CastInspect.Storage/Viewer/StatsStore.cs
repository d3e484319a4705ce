using System.Globalization;
using System.Text;
using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Storage.Viewer;

/// <summary>What the stats are grouped by.</summary>
public enum StatsDimension
{
    Die,
    Cavity,
    Machine,
    Shift,
}

/// <summary>How long one time bucket of the stats is.</summary>
public enum StatsBucket
{
    Day,
    Week,
}

/// <summary>
/// The plant's shifts: start hours in plant local time (default 06, 14, 22) and the plant's offset from UTC in hours.
/// A production day starts with the first shift, so a night shift stays in the day it began.
/// </summary>
public sealed record ShiftPattern(IReadOnlyList<int> StartHours, double UtcOffsetHours = 0)
{
    public static ShiftPattern Default { get; } = new([6, 14, 22]);

    public IReadOnlyList<int> Starts => StartHours.Where(h => h is >= 0 and < 24).Distinct().Order().DefaultIfEmpty(0).ToList();

    public string Name(int index)
    {
        var s = Starts;
        return string.Create(CultureInfo.InvariantCulture, $"{s[index]:00}–{s[(index + 1) % s.Count]:00}");
    }
}

/// <summary>Part counts of one group in one time bucket.</summary>
public sealed record StatsRow(string Bucket, string Group, int Parts, int Nok, int Review)
{
    public double NokRate => Parts == 0 ? 0 : (double)Nok / Parts;

    public double ReviewRate => Parts == 0 ? 0 : (double)Review / Parts;
}

/// <summary>NOK and REVIEW rates (the line's verdicts) by die, cavity, machine or shift over time.</summary>
public sealed class StatsStore(SqliteConnectionFactory connections)
{
    public async Task<IReadOnlyList<StatsRow>> GetAsync(
        DateTimeOffset from, DateTimeOffset to, StatsDimension dimension, StatsBucket bucket, ShiftPattern shifts, string? partNumber = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        var starts = shifts.Starts;
        var local = string.Create(CultureInfo.InvariantCulture, $"{shifts.UtcOffsetHours * 60:+0;-0} minutes");
        var dayStart = string.Create(CultureInfo.InvariantCulture, $"-{starts[0]} hours");
        var hour = "CAST(strftime('%H', captured_utc, @local) AS INTEGER)";
        var group = dimension switch
        {
            StatsDimension.Die => "die",
            StatsDimension.Cavity => "cavity",
            StatsDimension.Machine => "machine",
            _ => ShiftCase(hour, shifts),
        };
        var bucketExpr = bucket == StatsBucket.Week
            ? "strftime('%Y-W%W', captured_utc, @local, @dayStart)"
            : "strftime('%Y-%m-%d', captured_utc, @local, @dayStart)";
        var partFilter = string.IsNullOrWhiteSpace(partNumber) ? string.Empty : " AND part_number = @partNumber";
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<(string Bucket, string Group, long Parts, long Nok, long Review)>(
                $"""
                SELECT {bucketExpr}, {group}, COUNT(*), SUM(verdict = 'NOK'), SUM(verdict = 'REVIEW')
                FROM inspections WHERE captured_utc >= @from AND captured_utc < @to{partFilter}
                GROUP BY 1, 2 ORDER BY 1, 2
                """,
                new { local, dayStart, from = ViewerText.Time(from), to = ViewerText.Time(to), partNumber = partNumber?.Trim() }).ConfigureAwait(false);
            return rows.Select(r => new StatsRow(r.Bucket, r.Group, (int)r.Parts, (int)r.Nok, (int)r.Review)).ToList();
        }
    }

    private static string ShiftCase(string hour, ShiftPattern shifts)
    {
        var s = shifts.Starts;
        var sql = new StringBuilder("CASE");
        for (var i = 0; i < s.Count; i++)
        {
            var end = s[(i + 1) % s.Count];
            var cond = end > s[i] ? $"{hour} >= {s[i]} AND {hour} < {end}" : $"({hour} >= {s[i]} OR {hour} < {end})";
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {cond} THEN '{shifts.Name(i)}'");
        }

        return sql.Append(CultureInfo.InvariantCulture, $" ELSE '{shifts.Name(0)}' END").ToString();
    }
}

using System.Security.Cryptography;
using System.Text;
using CastInspect.Core.Parts;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CastInspect.Storage.Inspections;

/// <summary>part_program_versions: each distinct (part number, revision, content) a verdict was judged with, stored once.</summary>
internal static class PartProgramVersions
{
    /// <summary>The row id of <paramref name="program"/>'s exact content, inserted first if new.</summary>
    public static Task<long> UpsertAsync(SqliteConnection connection, SqliteTransaction tx, PartProgram program, string now)
    {
        var json = StoreJson.Serialize(program with { SourcePath = null });
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        return connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO part_program_versions (part_number, revision, sha256, content_json, first_seen_utc)
            VALUES (@PartNumber, @Revision, @sha, @json, @now)
            ON CONFLICT (part_number, revision, sha256) DO NOTHING;
            SELECT id FROM part_program_versions WHERE part_number = @PartNumber AND revision = @Revision AND sha256 = @sha;
            """,
            new { program.PartNumber, program.Revision, sha, json, now },
            tx);
    }
}

using CastInspect.Storage;
using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Server.Viewer;

/// <summary>Finds archived image files by inspection id + view id, or by sha256, through the <c>images</c> table.</summary>
public sealed class ArchivedImageLookup(SqliteConnectionFactory connections, StoreOptions store)
{
    private const string Select = "SELECT im.sha256 AS Sha256, im.relative_path AS RelativePath, im.encoding AS Encoding, im.width_px AS WidthPx, im.height_px AS HeightPx FROM images im";

    public Task<ArchivedImageFile?> ForViewAsync(long inspectionId, string viewId, CancellationToken cancellationToken) =>
        FindAsync(
            Select + " JOIN inspection_views v ON v.image_sha256 = im.sha256 WHERE v.inspection_id = @inspectionId AND v.view_id = @viewId",
            new { inspectionId, viewId },
            cancellationToken);

    public Task<ArchivedImageFile?> BySha256Async(string sha256, CancellationToken cancellationToken) =>
        FindAsync(Select + " WHERE im.sha256 = @sha256", new { sha256 = sha256.ToLowerInvariant() }, cancellationToken);

    private async Task<ArchivedImageFile?> FindAsync(string sql, object args, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var row = await connection.QuerySingleOrDefaultAsync<(string Sha256, string RelativePath, string Encoding, long WidthPx, long HeightPx)?>(sql, args).ConfigureAwait(false);
            if (row is not { } r)
            {
                return null;
            }

            var root = Path.GetFullPath(store.ArchivePath) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(Path.Combine(root, r.RelativePath));
            return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full)
                ? new ArchivedImageFile(r.Sha256, full, r.Encoding, (int)r.WidthPx, (int)r.HeightPx)
                : null;
        }
    }
}

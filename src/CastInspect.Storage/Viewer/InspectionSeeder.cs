using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Storage.Viewer;

/// <summary>An archived view image to record with a seeded inspection (the file must already be in the archive).</summary>
public sealed record SeedImage(
    string ViewId,
    Modality Modality,
    string Sha256,
    string RelativePath,
    long ByteLength,
    int WidthPx,
    int HeightPx,
    int BitDepth,
    ViewTransform Transform);

/// <summary>A judged part to write in bulk, for demos, tests and the viewer benchmark.</summary>
public sealed record SeedInspection(
    string RequestId,
    string Serial,
    Traceability Traceability,
    PartProgram Program,
    PartVerdict Verdict,
    IReadOnlyList<SeedImage> Images);

/// <summary>
/// Writes many judged parts in one transaction through the service's <see cref="InspectionWriter"/> (same rows and JSON
/// as live inspections), so the viewer can be tried and measured on a realistic store without the line.
/// </summary>
public sealed class InspectionSeeder(SqliteConnectionFactory connections)
{
    public async Task<IReadOnlyList<long>> WriteAsync(IEnumerable<SeedInspection> inspections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inspections);
        var ids = new List<long>();
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction(deferred: false);
            foreach (var n in inspections)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await InspectionWriter.WriteAsync(connection, tx, ToNew(n)).ConfigureAwait(false);
                ids.Add(await connection.ExecuteScalarAsync<long>(
                    "SELECT id FROM inspections WHERE request_id = @RequestId", new { n.RequestId }, tx).ConfigureAwait(false));
            }

            tx.Commit();
        }

        return ids;
    }

    private static NewInspection ToNew(SeedInspection n) => new(
        n.RequestId,
        n.Serial,
        n.Traceability,
        n.Traceability.CapturedAt,
        n.Program,
        new PartInspection(
            n.Verdict,
            n.Images.Select(i => new ViewInspection(
                i.ViewId, i.WidthPx, i.HeightPx, i.BitDepth, i.Transform, 1.0, new Dictionary<string, double>(), new Dictionary<string, double>(), string.Empty, string.Empty)).ToList(),
            0),
        n.Images.Select(i => new ViewImageRecord(i.ViewId, i.Modality, i.Sha256, i.RelativePath, i.ByteLength, ImageEncoding.Auto)).ToList());
}

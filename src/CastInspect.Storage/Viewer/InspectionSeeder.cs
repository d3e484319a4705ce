using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

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
/// Writes many judged parts in one transaction in the layout of schema 0001 (snake_case JSON columns), so the viewer
/// can be tried and measured on a realistic store without the line. The service's own writer stores live inspections.
/// </summary>
public sealed class InspectionSeeder(SqliteConnectionFactory connections)
{
    public async Task<IReadOnlyList<long>> WriteAsync(IEnumerable<SeedInspection> inspections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inspections);
        var ids = new List<long>();
        var programs = new Dictionary<PartProgram, long>(ReferenceEqualityComparer.Instance);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction(deferred: false);
            var now = ViewerText.Time(DateTimeOffset.UtcNow);
            foreach (var n in inspections)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!programs.TryGetValue(n.Program, out var programId))
                {
                    programId = await ProgramIdAsync(connection, tx, n.Program, now).ConfigureAwait(false);
                    programs[n.Program] = programId;
                }

                ids.Add(await WriteOneAsync(connection, tx, n, programId, now).ConfigureAwait(false));
            }

            tx.Commit();
        }

        return ids;
    }

    private static async Task<long> ProgramIdAsync(SqliteConnection c, SqliteTransaction tx, PartProgram program, string now)
    {
        var json = JsonSerializer.Serialize(program with { SourcePath = null }, ViewerText.Json);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        return await c.ExecuteScalarAsync<long>(
            """
            INSERT INTO part_program_versions (part_number, revision, sha256, content_json, first_seen_utc)
            VALUES (@PartNumber, @Revision, @sha, @json, @now) ON CONFLICT (part_number, revision, sha256) DO NOTHING;
            SELECT id FROM part_program_versions WHERE part_number = @PartNumber AND revision = @Revision AND sha256 = @sha;
            """,
            new { program.PartNumber, program.Revision, sha, json, now },
            tx).ConfigureAwait(false);
    }

    private static async Task<long> WriteOneAsync(SqliteConnection c, SqliteTransaction tx, SeedInspection n, long programId, string now)
    {
        var t = n.Traceability;
        var id = await c.ExecuteScalarAsync<long>(
            """
            INSERT INTO inspections (request_id, part_serial, part_number, part_program_version_id, machine, die, cavity, shot_number, line,
                captured_utc, received_utc, verdict, reasons_json, total_ms, disposition, result_json)
            VALUES (@RequestId, @Serial, @PartNumber, @programId, @Machine, @Die, @Cavity, @ShotNumber, @Line, @captured, @captured,
                @verdict, @reasons, 0, NULL, '{}')
            RETURNING id
            """,
            new
            {
                n.RequestId,
                n.Serial,
                n.Verdict.PartNumber,
                programId,
                t.Machine,
                t.Die,
                t.Cavity,
                t.ShotNumber,
                t.Line,
                captured = ViewerText.Time(t.CapturedAt),
                verdict = ViewerText.Of(n.Verdict.Verdict),
                reasons = Json(n.Verdict.Reasons),
            },
            tx).ConfigureAwait(false);
        foreach (var view in n.Verdict.Views)
        {
            var image = n.Images.First(i => i.ViewId == view.ViewId);
            await WriteViewAsync(c, tx, id, view, image, now).ConfigureAwait(false);
        }

        return id;
    }

    private static async Task WriteViewAsync(SqliteConnection c, SqliteTransaction tx, long inspectionId, ViewVerdict view, SeedImage image, string now)
    {
        await c.ExecuteAsync(
            """
            INSERT INTO images (sha256, relative_path, byte_length, encoding, width_px, height_px, bit_depth, stored_utc)
            VALUES (@Sha256, @RelativePath, @ByteLength, 'auto', @WidthPx, @HeightPx, @BitDepth, @now) ON CONFLICT (sha256) DO NOTHING
            """,
            new { image.Sha256, image.RelativePath, image.ByteLength, image.WidthPx, image.HeightPx, image.BitDepth, now },
            tx).ConfigureAwait(false);
        var viewRowId = await c.ExecuteScalarAsync<long>(
            """
            INSERT INTO inspection_views (inspection_id, view_id, modality, image_sha256, verdict, reasons_json, model_version_id,
                registration_score, transform_json, quality_json, timings_json)
            VALUES (@inspectionId, @ViewId, @modality, @Sha256, @verdict, @reasons, NULL, 1, @transform, '{}', '{}')
            RETURNING id
            """,
            new
            {
                inspectionId,
                view.ViewId,
                modality = image.Modality.ToString().ToLowerInvariant(),
                image.Sha256,
                verdict = ViewerText.Of(view.Verdict),
                reasons = Json(view.Reasons),
                transform = Json(image.Transform),
            },
            tx).ConfigureAwait(false);
        foreach (var z in view.Zones)
        {
            await c.ExecuteAsync(
                "INSERT INTO zone_results (inspection_view_id, zone_id, zone_name, verdict, findings_json) VALUES (@viewRowId, @ZoneId, @ZoneName, @verdict, @findings)",
                new { viewRowId, z.ZoneId, z.ZoneName, verdict = ViewerText.Of(z.Verdict), findings = Json(z.Findings) },
                tx).ConfigureAwait(false);
        }

        foreach (var j in view.Defects)
        {
            var d = j.Defect;
            await c.ExecuteAsync(
                """
                INSERT INTO defects (inspection_view_id, defect_index, class, bbox_x, bbox_y, bbox_w, bbox_h, centroid_x_px, centroid_y_px,
                    centroid_x_mm, centroid_y_mm, area_px, area_mm2, equivalent_diameter_mm, length_mm, mean_confidence, max_confidence,
                    zones_json, ignored, outline_px_json)
                VALUES (@viewRowId, @Index, @cls, @bx, @by, @bw, @bh, @cxp, @cyp, @cxm, @cym, @AreaPx, @AreaMm2, @EquivalentDiameterMm,
                    @LengthMm, @MeanConfidence, @MaxConfidence, @zones, @ignored, @outline)
                """,
                new
                {
                    viewRowId,
                    d.Index,
                    cls = d.Class == DefectClass.ColdShut ? "cold_shut" : "porosity",
                    bx = d.BoundingBox.X,
                    by = d.BoundingBox.Y,
                    bw = d.BoundingBox.Width,
                    bh = d.BoundingBox.Height,
                    cxp = d.CentroidPx.X,
                    cyp = d.CentroidPx.Y,
                    cxm = d.CentroidMm.X,
                    cym = d.CentroidMm.Y,
                    d.AreaPx,
                    d.AreaMm2,
                    d.EquivalentDiameterMm,
                    d.LengthMm,
                    d.MeanConfidence,
                    d.MaxConfidence,
                    zones = Json(j.ZoneIds),
                    ignored = j.Ignored ? 1 : 0,
                    outline = Json(d.OutlinePx),
                },
                tx).ConfigureAwait(false);
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ViewerText.Json);
}

using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CastInspect.Storage.Inspections;

/// <summary>The inserts of one inspection, inside the caller's transaction.</summary>
internal static class InspectionWriter
{
    public static async Task WriteAsync(SqliteConnection connection, SqliteTransaction tx, NewInspection n)
    {
        var now = StoreJson.FormatTime(DateTimeOffset.UtcNow);
        var programId = await PartProgramVersions.UpsertAsync(connection, tx, n.Program, now).ConfigureAwait(false);

        var verdict = n.Result.Verdict;
        var t = n.Traceability;
        var inspectionId = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO inspections (request_id, part_serial, part_number, part_program_version_id, machine, die, cavity,
                shot_number, line, captured_utc, received_utc, verdict, reasons_json, total_ms, disposition, result_json)
            VALUES (@RequestId, @PartSerial, @PartNumber, @programId, @Machine, @Die, @Cavity, @ShotNumber, @Line,
                @captured, @received, @verdict, @reasons, @TotalMs, NULL, @result)
            RETURNING id
            """,
            new
            {
                n.RequestId,
                n.PartSerial,
                verdict.PartNumber,
                programId,
                t.Machine,
                t.Die,
                t.Cavity,
                t.ShotNumber,
                t.Line,
                captured = StoreJson.FormatTime(t.CapturedAt),
                received = StoreJson.FormatTime(n.ReceivedAt),
                verdict = VerdictText.Of(verdict.Verdict),
                reasons = StoreJson.Serialize(verdict.Reasons),
                n.Result.TotalMs,
                result = StoreJson.Serialize(n.Result),
            },
            tx).ConfigureAwait(false);

        foreach (var view in verdict.Views)
        {
            var facts = n.Result.Views.FirstOrDefault(v => v.ViewId == view.ViewId)
                ?? throw new InvalidOperationException($"view '{view.ViewId}' has a verdict but no inspection facts");
            var image = n.Images.FirstOrDefault(i => i.ViewId == view.ViewId)
                ?? throw new InvalidOperationException($"view '{view.ViewId}' has no archived image");
            await WriteViewAsync(connection, tx, inspectionId, view, facts, image, now).ConfigureAwait(false);
        }
    }

    private static async Task WriteViewAsync(
        SqliteConnection connection, SqliteTransaction tx, long inspectionId, ViewVerdict view, ViewInspection facts, ViewImageRecord image, string now)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO images (sha256, relative_path, byte_length, encoding, width_px, height_px, bit_depth, stored_utc)
            VALUES (@Sha256, @RelativePath, @ByteLength, @encoding, @WidthPx, @HeightPx, @BitDepth, @now)
            ON CONFLICT (sha256) DO NOTHING
            """,
            new
            {
                image.Sha256,
                image.RelativePath,
                image.ByteLength,
                encoding = image.Encoding.ToString().ToLowerInvariant(),
                facts.WidthPx,
                facts.HeightPx,
                facts.BitDepth,
                now,
            },
            tx).ConfigureAwait(false);

        long? modelId = null;
        if (!string.IsNullOrEmpty(facts.ModelName))
        {
            modelId = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO model_versions (name, version, sha256, manifest_json, first_seen_utc)
                VALUES (@ModelName, @ModelVersion, @ModelSha256, '{}', @now)
                ON CONFLICT (name, version, sha256) DO NOTHING;
                SELECT id FROM model_versions WHERE name = @ModelName AND version = @ModelVersion AND sha256 = @ModelSha256;
                """,
                new { facts.ModelName, facts.ModelVersion, ModelSha256 = facts.ModelSha256 ?? string.Empty, now },
                tx).ConfigureAwait(false);
        }

        var viewRowId = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO inspection_views (inspection_id, view_id, modality, image_sha256, verdict, reasons_json, model_version_id,
                registration_score, transform_json, quality_json, timings_json)
            VALUES (@inspectionId, @ViewId, @modality, @Sha256, @verdict, @reasons, @modelId, @RegistrationScore, @transform,
                @quality, @timings)
            RETURNING id
            """,
            new
            {
                inspectionId,
                view.ViewId,
                modality = image.Modality.ToString().ToLowerInvariant(),
                image.Sha256,
                verdict = VerdictText.Of(view.Verdict),
                reasons = StoreJson.Serialize(view.Reasons),
                modelId,
                facts.RegistrationScore,
                transform = StoreJson.Serialize(facts.Transform),
                quality = StoreJson.Serialize(facts.QualityMetrics),
                timings = StoreJson.Serialize(facts.TimingsMs),
            },
            tx).ConfigureAwait(false);

        foreach (var zone in view.Zones)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO zone_results (inspection_view_id, zone_id, zone_name, verdict, findings_json)
                VALUES (@viewRowId, @ZoneId, @ZoneName, @verdict, @findings)
                """,
                new { viewRowId, zone.ZoneId, zone.ZoneName, verdict = VerdictText.Of(zone.Verdict), findings = StoreJson.Serialize(zone.Findings) },
                tx).ConfigureAwait(false);
        }

        foreach (var judged in view.Defects)
        {
            var d = judged.Defect;
            await connection.ExecuteAsync(
                """
                INSERT INTO defects (inspection_view_id, defect_index, class, bbox_x, bbox_y, bbox_w, bbox_h, centroid_x_px,
                    centroid_y_px, centroid_x_mm, centroid_y_mm, area_px, area_mm2, equivalent_diameter_mm, length_mm,
                    mean_confidence, max_confidence, zones_json, ignored, ignored_reason, second_look_score,
                    outline_px_json)
                VALUES (@viewRowId, @Index, @cls, @bx, @by, @bw, @bh, @cxp, @cyp, @cxm, @cym, @AreaPx, @AreaMm2,
                    @EquivalentDiameterMm, @LengthMm, @MeanConfidence, @MaxConfidence, @zones, @ignored, @ignoredReason,
                    @SecondLookScore, @outline)
                """,
                new
                {
                    viewRowId,
                    d.Index,
                    cls = DefectClassKeys.Of(d.Class),
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
                    zones = StoreJson.Serialize(judged.ZoneIds),
                    ignored = judged.Ignored ? 1 : 0,
                    ignoredReason = judged.Ignored ? judged.IgnoredReason : null,
                    d.SecondLookScore,
                    outline = StoreJson.Serialize(d.OutlinePx),
                },
                tx).ConfigureAwait(false);
        }
    }
}

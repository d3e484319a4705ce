using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Storage.Viewer;

/// <summary>Reads one part with its views, zones, defects, audit trail and reprocessing results (one round trip).</summary>
public sealed class PartDetailStore(SqliteConnectionFactory connections)
{
    public async Task<PartDetail?> GetAsync(long inspectionId, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var grid = await connection.QueryMultipleAsync(
                """
                SELECT i.id AS Id, i.request_id AS RequestId, i.part_serial AS PartSerial, i.part_number AS PartNumber, p.revision AS Revision,
                       i.machine AS Machine, i.die AS Die, i.cavity AS Cavity, i.shot_number AS ShotNumber, i.line AS Line,
                       i.captured_utc AS CapturedUtc, i.received_utc AS ReceivedUtc, i.verdict AS Verdict, i.reasons_json AS ReasonsJson,
                       i.total_ms AS TotalMs, i.disposition AS Disposition, p.content_json AS ProgramJson
                FROM inspections i JOIN part_program_versions p ON p.id = i.part_program_version_id WHERE i.id = @id;
                SELECT v.id AS RowId, v.view_id AS ViewId, v.modality AS Modality, v.image_sha256 AS ImageSha256, im.width_px AS WidthPx,
                       im.height_px AS HeightPx, im.bit_depth AS BitDepth, v.verdict AS Verdict, v.reasons_json AS ReasonsJson,
                       v.transform_json AS TransformJson, v.registration_score AS RegistrationScore
                FROM inspection_views v JOIN images im ON im.sha256 = v.image_sha256 WHERE v.inspection_id = @id ORDER BY v.view_id;
                SELECT z.inspection_view_id AS ViewRowId, z.zone_id AS ZoneId, z.zone_name AS ZoneName, z.verdict AS Verdict, z.findings_json AS FindingsJson
                FROM zone_results z JOIN inspection_views v ON v.id = z.inspection_view_id WHERE v.inspection_id = @id ORDER BY z.id;
                SELECT d.inspection_view_id AS ViewRowId, d.defect_index AS DefectIndex, d.class AS Class, d.bbox_x AS BboxX, d.bbox_y AS BboxY,
                       d.bbox_w AS BboxW, d.bbox_h AS BboxH, d.centroid_x_px AS CxPx, d.centroid_y_px AS CyPx, d.centroid_x_mm AS CxMm,
                       d.centroid_y_mm AS CyMm, d.area_mm2 AS AreaMm2, d.equivalent_diameter_mm AS DiameterMm, d.length_mm AS LengthMm,
                       d.mean_confidence AS MeanConfidence, d.max_confidence AS MaxConfidence, d.zones_json AS ZonesJson, d.ignored AS Ignored,
                       d.ignored_reason AS IgnoredReason, d.second_look_score AS SecondLookScore, d.outline_px_json AS OutlineJson
                FROM defects d JOIN inspection_views v ON v.id = d.inspection_view_id WHERE v.inspection_id = @id ORDER BY d.defect_index;
                SELECT run_id AS RunId, old_verdict AS OldVerdict, new_verdict AS NewVerdict, new_reasons_json AS NewReasonsJson, processed_utc AS ProcessedUtc
                FROM reprocess_results WHERE inspection_id = @id ORDER BY processed_utc DESC;
                """,
                new { id = inspectionId }).ConfigureAwait(false);
            var header = await grid.ReadSingleOrDefaultAsync<HeaderRow>().ConfigureAwait(false);
            if (header is null)
            {
                return null;
            }

            var views = (await grid.ReadAsync<ViewRow>().ConfigureAwait(false)).ToList();
            var zones = (await grid.ReadAsync<ZoneRow>().ConfigureAwait(false)).ToLookup(z => z.ViewRowId);
            var defects = (await grid.ReadAsync<DefectRow>().ConfigureAwait(false)).ToLookup(d => d.ViewRowId);
            var reprocessing = (await grid.ReadAsync<ReprocessRow>().ConfigureAwait(false)).Select(r => r.ToEntry()).ToList();
            var dispositions = await DispositionStore.HistoryAsync(connection, inspectionId).ConfigureAwait(false);
            var frames = ViewFrames.Parse(header.ProgramJson);
            return new PartDetail(
                header.ToHeader(),
                views.Select(v => v.ToDetail(zones[v.RowId], defects[v.RowId], frames.GetValueOrDefault(v.ViewId))).ToList(),
                dispositions,
                reprocessing);
        }
    }

    private sealed class HeaderRow : Inspections.SummaryRow
    {
        public string ProgramJson { get; set; } = string.Empty;

        public PartHeader ToHeader() => new(
            Id, RequestId, PartSerial, PartNumber, (int)Revision, Machine, Die, Cavity, ShotNumber, Line,
            ViewerText.ParseTime(CapturedUtc), ViewerText.ParseTime(ReceivedUtc), ViewerText.ParseVerdict(Verdict),
            ViewerText.Strings(ReasonsJson), TotalMs, Disposition);
    }

    private sealed class ViewRow
    {
        public long RowId { get; set; }

        public string ViewId { get; set; } = string.Empty;

        public string Modality { get; set; } = string.Empty;

        public string ImageSha256 { get; set; } = string.Empty;

        public long WidthPx { get; set; }

        public long HeightPx { get; set; }

        public long BitDepth { get; set; }

        public string Verdict { get; set; } = string.Empty;

        public string ReasonsJson { get; set; } = "[]";

        public string TransformJson { get; set; } = "{}";

        public double RegistrationScore { get; set; }

        public ViewDetail ToDetail(IEnumerable<ZoneRow> zones, IEnumerable<DefectRow> defects, ViewFrame? frame)
        {
            var transform = ViewerText.Read<ViewTransform?>(TransformJson, null);
            if (transform is { ImageToReference.Count: not 9 })
            {
                transform = null;
            }

            return new ViewDetail(
                RowId, ViewId, Modality, ImageSha256, (int)WidthPx, (int)HeightPx, (int)BitDepth, ViewerText.ParseVerdict(Verdict),
                ViewerText.Strings(ReasonsJson), transform, RegistrationScore,
                zones.Select(z => z.ToDetail()).ToList(), defects.Select(d => d.ToDetail()).ToList(), frame);
        }
    }

    private sealed class ZoneRow
    {
        public long ViewRowId { get; set; }

        public string ZoneId { get; set; } = string.Empty;

        public string ZoneName { get; set; } = string.Empty;

        public string Verdict { get; set; } = string.Empty;

        public string FindingsJson { get; set; } = "[]";

        public ZoneDetail ToDetail() =>
            new(ZoneId, ZoneName, ViewerText.ParseVerdict(Verdict), ViewerText.Read<List<RuleFinding>>(FindingsJson, []));
    }

    private sealed class DefectRow
    {
        public long ViewRowId { get; set; }

        public long DefectIndex { get; set; }

        public string Class { get; set; } = string.Empty;

        public long BboxX { get; set; }

        public long BboxY { get; set; }

        public long BboxW { get; set; }

        public long BboxH { get; set; }

        public double CxPx { get; set; }

        public double CyPx { get; set; }

        public double CxMm { get; set; }

        public double CyMm { get; set; }

        public double AreaMm2 { get; set; }

        public double DiameterMm { get; set; }

        public double LengthMm { get; set; }

        public double MeanConfidence { get; set; }

        public double MaxConfidence { get; set; }

        public string ZonesJson { get; set; } = "[]";

        public long Ignored { get; set; }

        public string? IgnoredReason { get; set; }

        public double? SecondLookScore { get; set; }

        public string OutlineJson { get; set; } = "[]";

        public DefectDetail ToDetail() => new(
            (int)DefectIndex,
            StoredDefectClass.Read(Class, $"defect {DefectIndex}"),
            new PixelBox((int)BboxX, (int)BboxY, (int)BboxW, (int)BboxH),
            new PointPx(CxPx, CyPx),
            new PointMm(CxMm, CyMm),
            AreaMm2,
            DiameterMm,
            LengthMm,
            MeanConfidence,
            MaxConfidence,
            ViewerText.Strings(ZonesJson),
            Ignored != 0,
            IgnoredReason,
            SecondLookScore,
            ViewerText.Read<List<PointPx>>(OutlineJson, []));
    }

    private sealed class ReprocessRow
    {
        public string RunId { get; set; } = string.Empty;

        public string OldVerdict { get; set; } = string.Empty;

        public string NewVerdict { get; set; } = string.Empty;

        public string NewReasonsJson { get; set; } = "[]";

        public string ProcessedUtc { get; set; } = string.Empty;

        public ReprocessEntry ToEntry() => new(
            RunId, ViewerText.ParseVerdict(OldVerdict), ViewerText.ParseVerdict(NewVerdict), ViewerText.Strings(NewReasonsJson),
            ViewerText.ParseTime(ProcessedUtc));
    }
}

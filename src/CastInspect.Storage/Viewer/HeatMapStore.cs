using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Storage.Sqlite;
using Dapper;

namespace CastInspect.Storage.Viewer;

/// <summary>Which defects a heat map accumulates: one part number and view, optionally narrowed.</summary>
/// <param name="CellMm">Side of a heat-map cell in mm (view frame). Default 2 mm.</param>
public sealed record HeatMapFilter(
    string PartNumber,
    string ViewId,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    DefectClass? Class = null,
    string? Die = null,
    string? Cavity = null,
    double CellMm = 2);

/// <summary>Defects counted in one cell of the view frame (cell indices: x = floor(x_mm / cell)).</summary>
public sealed record HeatMapCell(int CellX, int CellY, DefectClass Class, int Count);

/// <summary>
/// Defect centroids of many parts binned on the view frame in mm, with the frame (zones, size) from the latest part program
/// and the latest archived image of the view as a backdrop.
/// </summary>
public sealed record HeatMap(
    HeatMapFilter Filter,
    int Parts,
    int Defects,
    IReadOnlyList<HeatMapCell> Cells,
    ViewFrame? Frame,
    HeatMapBackdrop? Backdrop);

/// <summary>The latest archived image of the view with its transform (image px → view mm).</summary>
public sealed record HeatMapBackdrop(long InspectionId, string ViewId, int WidthPx, int HeightPx, ViewTransform? Transform);

/// <summary>Part numbers and their views that have inspections, for the heat map's pickers.</summary>
public sealed record HeatMapChoices(IReadOnlyList<string> PartNumbers, IReadOnlyList<string> ViewIds);

/// <summary>Heat-map data: defect centroids in mm accumulated over many parts.</summary>
public sealed class HeatMapStore(SqliteConnectionFactory connections)
{
    public async Task<HeatMap> GetAsync(HeatMapFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var cell = filter.CellMm is > 0.05 and < 1000 ? filter.CellMm : 2;
        var args = new DynamicParameters(new { pn = filter.PartNumber, view = filter.ViewId, cell });
        var where = new List<string> { "i.part_number = @pn", "v.view_id = @view" };
        if (filter.From is { } from)
        {
            where.Add("i.captured_utc >= @from");
            args.Add("from", ViewerText.Time(from));
        }

        if (filter.To is { } to)
        {
            where.Add("i.captured_utc < @to");
            args.Add("to", ViewerText.Time(to));
        }

        if (!string.IsNullOrWhiteSpace(filter.Die))
        {
            where.Add("i.die = @die");
            args.Add("die", filter.Die.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Cavity))
        {
            where.Add("i.cavity = @cavity");
            args.Add("cavity", filter.Cavity.Trim());
        }

        var defectWhere = "d.ignored = 0";
        if (filter.Class is { } cls)
        {
            defectWhere += " AND d.class = @cls";
            args.Add("cls", DefectClassKeys.Of(cls));
        }

        var w = string.Join(" AND ", where);
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var cells = (await connection.QueryAsync<(long Cx, long Cy, string Class, long Count)>(
                $"""
                SELECT CAST(floor(d.centroid_x_mm / @cell) AS INTEGER), CAST(floor(d.centroid_y_mm / @cell) AS INTEGER), d.class, COUNT(*)
                FROM inspections i JOIN inspection_views v ON v.inspection_id = i.id JOIN defects d ON d.inspection_view_id = v.id
                WHERE {w} AND {defectWhere}
                GROUP BY 1, 2, 3
                """,
                args).ConfigureAwait(false))
                .Select(c => new HeatMapCell((int)c.Cx, (int)c.Cy, StoredDefectClass.Read(c.Class, "a defect"), (int)c.Count))
                .ToList();
            var parts = await connection.ExecuteScalarAsync<long>(
                $"SELECT COUNT(*) FROM inspections i JOIN inspection_views v ON v.inspection_id = i.id WHERE {w}", args).ConfigureAwait(false);
            var program = await connection.ExecuteScalarAsync<string?>(
                "SELECT content_json FROM part_program_versions WHERE part_number = @pn ORDER BY revision DESC, id DESC LIMIT 1", args).ConfigureAwait(false);
            var backdrop = await connection.QuerySingleOrDefaultAsync<(long Id, long W, long H, string Transform)?>(
                $"""
                SELECT i.id, im.width_px, im.height_px, v.transform_json
                FROM inspections i JOIN inspection_views v ON v.inspection_id = i.id JOIN images im ON im.sha256 = v.image_sha256
                WHERE {w} ORDER BY i.captured_utc DESC LIMIT 1
                """,
                args).ConfigureAwait(false);
            return new HeatMap(
                filter with { CellMm = cell },
                (int)parts,
                cells.Sum(c => c.Count),
                cells,
                ViewFrames.Parse(program).GetValueOrDefault(filter.ViewId),
                backdrop is { } b
                    ? new HeatMapBackdrop(b.Id, filter.ViewId, (int)b.W, (int)b.H, ViewerText.Read<ViewTransform?>(b.Transform, null))
                    : null);
        }
    }

    /// <summary>Part numbers seen, and the views seen for <paramref name="partNumber"/> (all views when null).</summary>
    public async Task<HeatMapChoices> ChoicesAsync(string? partNumber, CancellationToken cancellationToken = default)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var parts = (await connection.QueryAsync<string>("SELECT DISTINCT part_number FROM part_program_versions ORDER BY 1").ConfigureAwait(false)).ToList();
            var frames = string.IsNullOrWhiteSpace(partNumber)
                ? []
                : ViewFrames.Parse(await connection.ExecuteScalarAsync<string?>(
                    "SELECT content_json FROM part_program_versions WHERE part_number = @partNumber ORDER BY revision DESC, id DESC LIMIT 1",
                    new { partNumber }).ConfigureAwait(false)).Keys.Order(StringComparer.Ordinal).ToList();
            return new HeatMapChoices(parts, frames);
        }
    }
}

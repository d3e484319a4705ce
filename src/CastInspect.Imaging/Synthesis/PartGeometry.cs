using System.Text.Json;
using System.Text.Json.Serialization;

namespace CastInspect.Imaging.Synthesis;

/// <summary>
/// The cast structure seen in each view of a part, in mm in the view frame: what the X-ray synthesiser turns into
/// wall thickness. Read from <c>&lt;part&gt;.geometry.json</c> next to the part program.
/// </summary>
public sealed record PartGeometry(string PartNumber, IReadOnlyList<ViewGeometry> Views)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public ViewGeometry? Find(string viewId) =>
        Views.FirstOrDefault(v => string.Equals(v.ViewId, viewId, StringComparison.Ordinal));

    /// <summary>Loads the geometry file; the geometry is optional, so a missing file gives an empty description.</summary>
    public static PartGeometry Load(string path)
    {
        if (!File.Exists(path))
        {
            return new PartGeometry(string.Empty, []);
        }

        try
        {
            return JsonSerializer.Deserialize<PartGeometry>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"geometry file '{path}' is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"geometry file '{path}': {e.Message}", e);
        }
    }

    /// <summary>The geometry file that belongs to a part program file: <c>X.json</c> → <c>X.geometry.json</c>.</summary>
    public static string PathFor(string partProgramPath) =>
        Path.Combine(
            Path.GetDirectoryName(Path.GetFullPath(partProgramPath)) ?? ".",
            Path.GetFileNameWithoutExtension(partProgramPath) + ".geometry.json");
}

/// <summary>One view's structure. Thicknesses are the metal the beam crosses (projected wall thickness), mm.</summary>
/// <param name="ViewId">View id from the part program.</param>
/// <param name="BaseThicknessMm">Wall thickness of the plate between features.</param>
/// <param name="OutlineMm">Part outline; outside it is air. Null: the part fills the view.</param>
/// <param name="Steps">Regions of a different wall thickness.</param>
/// <param name="Ribs">Stiffening ribs seen edge-on: they add their height over their width.</param>
/// <param name="Bosses">Cylindrical bosses, optionally with a through hole.</param>
/// <param name="Pockets">Cored pockets that thin the wall.</param>
/// <param name="SurfaceFinish">Surface views: "as_cast" or "machined".</param>
/// <param name="StepWedges">Sharp-edged thickness steps (an image-quality indicator on the part) in the view's quality reference region.</param>
public sealed record ViewGeometry(
    string ViewId,
    double BaseThicknessMm = 3.0,
    IReadOnlyList<double[]>? OutlineMm = null,
    IReadOnlyList<ThicknessStep>? Steps = null,
    IReadOnlyList<Rib>? Ribs = null,
    IReadOnlyList<Boss>? Bosses = null,
    IReadOnlyList<Pocket>? Pockets = null,
    string? SurfaceFinish = null,
    IReadOnlyList<ThicknessStep>? StepWedges = null);

/// <summary>A polygon (or rectangle as four corners) whose wall is <paramref name="ThicknessMm"/> thick.</summary>
public sealed record ThicknessStep(IReadOnlyList<double[]> PolygonMm, double ThicknessMm);

public sealed record Rib(
    [property: JsonPropertyName("from_mm")] double[] FromMm,
    [property: JsonPropertyName("to_mm")] double[] ToMm,
    double WidthMm,
    double HeightMm);

public sealed record Boss(double[] CenterMm, double DiameterMm, double HeightMm, double HoleMm = 0);

public sealed record Pocket(IReadOnlyList<double[]> PolygonMm, double DepthMm);

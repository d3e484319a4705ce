using System.Globalization;
using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Storage;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Sqlite;
using OpenCvSharp;

namespace CastInspect.Server.Tests.Reprocessing;

/// <summary>A bright round pore drawn on a synthetic X-ray wall, at (X, Y) px with radius px.</summary>
internal sealed record Pore(int X, int Y, double Radius);

/// <summary>
/// A real store in a temporary folder (SQLite file + image archive) filled through <see cref="InspectionStore"/> with
/// small synthetic 16-bit X-ray walls, for reprocessing tests. Shared with the CLI tests (linked source).
/// </summary>
internal sealed class SyntheticStore : IDisposable
{
    public const string PartNumber = "TEST-WALL";

    private SyntheticStore(string root)
    {
        Root = root;
        Options = new StoreOptions { DataDirectory = root };
        Connections = new SqliteConnectionFactory(Options);
        Archive = new ImageArchive(Options);
        Inspections = new InspectionStore(Connections);
    }

    public string Root { get; }

    public StoreOptions Options { get; }

    public SqliteConnectionFactory Connections { get; }

    public ImageArchive Archive { get; }

    public InspectionStore Inspections { get; }

    public static async Task<SyntheticStore> CreateAsync()
    {
        var store = new SyntheticStore(Path.Combine(Path.GetTempPath(), "castinspect-reprocess-" + Guid.NewGuid().ToString("N")));
        await MigrationRunner.ApplyAsync(store.Connections);
        return store;
    }

    /// <summary>
    /// A one-view part program for a <paramref name="size"/>² px wall at 0.1 mm/px with two zones, left half "L" and
    /// right half "R", each rejecting pores above its limit (no review band, no confidence floor, cold shuts tolerated).
    /// </summary>
    public static string ProgramJson(int revision, double leftMaxPoreMm, double rightMaxPoreMm, int size = 256)
    {
        var w = size * 0.1;
        string Zone(string id, string name, double x0, double x1, double limit) => string.Create(CultureInfo.InvariantCulture, $$"""
            {"id": "{{id}}", "name": "{{name}}", "criticality": "functional",
             "polygon_mm": [[{{x0}}, 0], [{{x1}}, 0], [{{x1}}, {{w}}], [{{x0}}, {{w}}]],
             "porosity": {"detection_floor_mm": 0.2, "max_pore_diameter_mm": {{limit}} },
             "cold_shut": {"allowed": true, "max_length_mm": 1000} }
            """);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"part_number": "{{PartNumber}}", "name": "test wall", "revision": {{revision}},
             "review": {"margin_fraction": 0.0, "min_porosity_confidence": 0.0, "min_cold_shut_confidence": 0.0},
             "views": [{"id": "image", "name": "wall", "modality": "xray", "width_px": {{size}}, "height_px": {{size}},
               "pixel_size_mm": 0.1, "zones": [{{Zone("L", "left half", 0, w / 2, leftMaxPoreMm)}}, {{Zone("R", "right half", w / 2, w, rightMaxPoreMm)}}]}]}
            """);
    }

    public static PartProgram Program(int revision, double leftMaxPoreMm, double rightMaxPoreMm, int size = 256) =>
        PartProgramLoader.Parse(ProgramJson(revision, leftMaxPoreMm, rightMaxPoreMm, size), "test-wall.json").GetProgramOrThrow();

    /// <summary>A 16-bit PNG of a casting wall (gradient and noise) with bright pores (less metal, more transmission).</summary>
    public static byte[] WallPng(int size, IReadOnlyList<Pore> pores, int seed)
    {
        var rng = new Random(seed);
        var pixels = new ushort[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var v = 20000 + (3000.0 * x / size) + (rng.NextDouble() - 0.5) * 1200;
                foreach (var p in pores)
                {
                    var d2 = ((x - p.X) * (x - p.X)) + ((y - p.Y) * (y - p.Y));
                    if (d2 <= p.Radius * p.Radius)
                    {
                        v += 9000;
                    }
                }

                pixels[(y * size) + x] = (ushort)Math.Clamp(v, 0, 65535);
            }
        }

        using var mat = Mat.FromPixelData(size, size, MatType.CV_16UC1, pixels);
        Cv2.ImEncode(".png", mat, out var png);
        return png;
    }

    /// <summary>Archives the image and stores the line's inspection of it; returns the inspection id.</summary>
    public async Task<long> AddAsync(string serial, PartProgram program, string viewId, byte[] image, PartInspection lineResult, DateTimeOffset capturedAt)
    {
        var archived = await Archive.SaveAsync(image);
        var saved = await Inspections.SaveAsync(new NewInspection(
            "req-" + serial,
            serial,
            new Traceability("M1", "D1", "C1", 1, "L1", capturedAt),
            capturedAt.AddSeconds(5),
            program,
            lineResult,
            [new ViewImageRecord(viewId, Modality.Xray, archived.Sha256, archived.RelativePath, archived.ByteLength, ImageEncoding.Auto)]));
        return saved.Inspection.Summary.Id;
    }

    /// <summary>A line result without defects (for tests that only need a stored verdict).</summary>
    public static PartInspection CleanResult(PartProgram program, string viewId, int size, Verdict verdict = Verdict.Ok) => new(
        new PartVerdict(program.PartNumber, program.Revision, verdict, [new ViewVerdict(viewId, verdict, [], [], [])], []),
        [new ViewInspection(viewId, size, size, 16, ViewTransform.Identity(0.1), 1.0, new Dictionary<string, double>(), new Dictionary<string, double>(), "line-model", "1")],
        10);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}

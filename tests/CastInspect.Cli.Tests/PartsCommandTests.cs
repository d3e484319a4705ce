namespace CastInspect.Cli.Tests;

/// <summary><c>castinspect parts validate</c> run as a real process, as a quality engineer would before releasing a part program.</summary>
public sealed class PartsCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("ci-parts-cli-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public async Task Validate_BothSamples_ExitsZeroWithASummaryEach()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("parts", "validate", "samples/parts/UB-R-1000.json", "samples/parts/generic.json");

        Assert.True(exit == 0, stderr);
        Assert.Contains("samples/parts/UB-R-1000.json: OK: part UB-R-1000 \"giga-cast rear underbody\" revision 2, 5 views, 14 zones", stdout, StringComparison.Ordinal);
        Assert.Contains("view XR-1 \"left rear node\": xray, 1024×1024 px, 0.1 mm/px, zones LN-1, LR-2, LF-3", stdout, StringComparison.Ordinal);
        Assert.Contains("view SF-2 \"shock-tower machined face\": surface, 1024×768 px, 0.08 mm/px, zones MF-1, MF-2", stdout, StringComparison.Ordinal);
        Assert.Contains("samples/parts/generic.json: OK: part generic", stdout, StringComparison.Ordinal);
        Assert.Contains("view image \"any image\": xray, any size, 0.1 mm/px, zones ALL", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WithTheShippedModels_WarnsOfEverySurfaceZoneJudgingPoresTheModelCannotReport()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("parts", "validate", "--models", "models", "samples/parts/UB-R-1000.json");

        Assert.True(exit == 0, stderr);
        var warnings = stdout.Split('\n').Where(l => l.TrimStart().StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Contains(" view SF-", w, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("zone MF-1 \"machined face\" judges pores from Ø 0.15 mm, but its model reports none below Ø 0.255 mm (noise floor 8 px at 0.08 mm/px)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ModelsFolderWithoutAManifest_ExitsOneSayingWhatIsMissing()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync("parts", "validate", "--models", dir.FullName, "samples/parts/UB-R-1000.json");

        Assert.Equal(1, exit);
        Assert.Contains("manifest.json' not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenFile_ExitsNonZeroListingEveryProblemWithFileAndField()
    {
        var bad = Path.Combine(dir.FullName, "bad.json");
        await File.WriteAllTextAsync(bad, """
            {
              "part_number": "UB-R-1000", "name": "rear underbody", "revision": 2,
              "views": [
                { "id": "XR-1", "modality": "xray", "width_px": 1024, "height_px": 1024, "pixel_size_mm": -0.1,
                  "zones": [
                    { "id": "RR-2", "name": "rear rail node", "criticality": "structural",
                      "polygon_mm": [[10, 10], [50, 50], [50, 10], [10, 50]],
                      "porosity": { "detection_floor_mm": 0.3, "max_pore_diam_mm": 1.2 } }
                  ] }
              ]
            }
            """);

        var (exit, stdout, stderr) = await CliProcess.RunAsync("parts", "validate", "samples/parts/generic.json", bad);

        Assert.Equal(1, exit);
        Assert.Contains("generic.json: OK", stdout, StringComparison.Ordinal);
        Assert.Contains($"{bad}: views[0].pixel_size_mm: must be more than 0, got -0.1", stderr, StringComparison.Ordinal);
        Assert.Contains($"{bad}: views[0].zones[0].polygon_mm: self-intersecting", stderr, StringComparison.Ordinal);
        Assert.Contains($"{bad}: views[0].zones[0].porosity.max_pore_diam_mm: unknown porosity rule 'max_pore_diam_mm'; did you mean 'max_pore_diameter_mm'?", stderr, StringComparison.Ordinal);
        Assert.Contains("1 of 2 part program file(s) invalid", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_SamplesFolderGlob_SkipsTheGeometrySidecar()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("parts", "validate", "samples/parts/UB-R-1000.geometry.json", "samples/parts/UB-R-1000.json");

        Assert.True(exit == 0, stderr);
        Assert.Contains("samples/parts/UB-R-1000.geometry.json: skipped", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsNonZeroNamingIt()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync("parts", "validate", "samples/parts/nope.json");

        Assert.Equal(1, exit);
        Assert.Contains("samples/parts/nope.json: cannot read the file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NoFiles_IsAUsageError()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync("parts", "validate");

        Assert.NotEqual(0, exit);
        Assert.NotEqual(string.Empty, stderr);
    }
}

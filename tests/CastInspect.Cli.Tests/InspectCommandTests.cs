using System.Text.Json;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Inference;
using CastInspect.Pipeline;
using CastInspect.Tests.Shared;
using OpenCvSharp;

namespace CastInspect.Cli.Tests;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("castinspect-inspect-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Generic => Path.Combine(CliProcess.RepoRoot, "samples", "parts", "generic.json");

    private string WriteCrop(string name, int width, int height, bool eightBit)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, HeldOutRadiograph.Crop(width, height, eightBit));
        return path;
    }

    /// <summary>A wall with a brighter round pore (more transmission), like an X-ray view.</summary>
    private string WritePng(string name, int width, int height, int cx, int cy, int radius, bool eightBit)
    {
        using var mat = new Mat(height, width, MatType.CV_32FC1);
        var px = mat.AsSpan<float>();
        var rng = new Random(7);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = 110 + (30.0 * x / width) + ((rng.NextDouble() - 0.5) * 4);
                v += ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= radius * radius ? 40 : 0;
                px[(y * width) + x] = (float)(eightBit ? v : v * 256);
            }
        }

        using var typed = new Mat();
        mat.ConvertTo(typed, eightBit ? MatType.CV_8UC1 : MatType.CV_16UC1);
        var path = Path.Combine(dir, name);
        Cv2.ImWrite(path, typed);
        return path;
    }

    [Fact]
    public async Task Inspect_TwoOddSizedImagesJson_ListsImagesInInputOrderWithEveryDefectField()
    {
        var eight = WriteCrop("eight.png", 301, 217, eightBit: true);
        var sixteen = WriteCrop("sixteen.png", 259, 239, eightBit: false);

        var (code, stdout, stderr) = await CliProcess.RunAsync("inspect", "--part", Generic, eight, sixteen, "--json");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var images = doc.RootElement.GetProperty("images");
        Assert.Equal(2, images.GetArrayLength());
        Assert.Equal((301, 8), (images[0].GetProperty("width").GetInt32(), images[0].GetProperty("bit_depth").GetInt32()));
        Assert.Equal((239, 16), (images[1].GetProperty("height").GetInt32(), images[1].GetProperty("bit_depth").GetInt32()));
        var pore = images[0].GetProperty("defects").EnumerateArray().Single(d =>
            d.GetProperty("class").GetString() == "porosity"
            && Math.Abs(d.GetProperty("centroid")[0].GetDouble() - HeldOutRadiograph.PoreX) <= 6
            && Math.Abs(d.GetProperty("centroid")[1].GetDouble() - HeldOutRadiograph.PoreY) <= 6);
        Assert.Equal(4, pore.GetProperty("bbox").GetArrayLength());
        Assert.InRange(pore.GetProperty("equivalent_diameter_mm").GetDouble(), 0.8, 1.6);
        foreach (var field in new[] { "area_px", "length_mm", "confidence", "zones", "ignored" })
        {
            Assert.True(pore.TryGetProperty(field, out _), field);
        }

        Assert.Contains(doc.RootElement.GetProperty("verdict").GetString(), new[] { "ok", "nok", "review" });
        Assert.Equal("ALL", images[0].GetProperty("zones")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Inspect_SameImageInProcessAndCli_SameDefects()
    {
        var path = WriteCrop("same.png", 280, 230, eightBit: false);
        var (code, stdout, stderr) = await CliProcess.RunAsync("inspect", "--part", Generic, path, "--json", "--device", "cpu");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var fromCli = doc.RootElement.GetProperty("images")[0].GetProperty("defects").EnumerateArray()
            .Select(d => $"{d.GetProperty("class").GetString()} [{string.Join(",", d.GetProperty("bbox").EnumerateArray().Select(v => v.GetInt32()))}] {d.GetProperty("area_px").GetDouble()}").ToList();

        using var catalog = ModelCatalog.Load(Path.Combine(CliProcess.RepoRoot, "models"), new InferenceOptions { Device = ExecutionDevice.Cpu });
        using var inspector = new PartInspector(catalog);
        var inspection = await inspector.InspectAsync(
            PartProgramLoader.Load(Generic), [new ViewImage("image", await File.ReadAllBytesAsync(path))], CancellationToken.None);
        var inProcess = inspection.Verdict.Views[0].Defects.Select(d =>
        {
            var b = d.Defect.BoundingBox;
            return $"{(d.Defect.Class == Core.Measurement.DefectClass.Porosity ? "porosity" : "cold_shut")} [{b.X},{b.Y},{b.Width},{b.Height}] {d.Defect.AreaPx}";
        }).ToList();

        Assert.NotEmpty(inProcess);
        Assert.Equal(inProcess, fromCli);
        Assert.Equal(inspection.Verdict.Verdict.ToString().ToLowerInvariant(), doc.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Inspect_BarePathWithMultiViewProgram_Exit2NamingTheViews()
    {
        var path = WritePng("bare.png", 64, 64, 30, 30, 3, eightBit: true);
        var (code, _, stderr) = await CliProcess.RunAsync(
            "inspect", "--part", Path.Combine(CliProcess.RepoRoot, "samples", "parts", "UB-R-1000.json"), path);
        Assert.Equal(2, code);
        Assert.Contains("XR-1", stderr, StringComparison.Ordinal);
        Assert.Contains("VIEW=PATH", stderr, StringComparison.Ordinal);
    }
}

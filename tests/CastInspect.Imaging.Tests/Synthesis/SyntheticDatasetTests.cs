using System.Text.Json;
using CastInspect.Imaging.Synthesis;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Synthesis;

public sealed class SyntheticDatasetTests
{
    private static SynthDatasetManifest Generate(string dir, ulong seed, double rate = 0.5, int count = 3) =>
        new SyntheticDataset(TestParts.Program(), new PartGeometry("TEST-1", []), new SynthOptions { Count = count, Seed = seed, DefectRate = rate })
            .Write(dir);

    [Fact]
    public void Write_SameSeed_IdenticalBytes()
    {
        var a = TestParts.TempDir();
        var b = TestParts.TempDir();
        var manifest = Generate(a, 42);
        Generate(b, 42);

        Assert.NotEmpty(manifest.Files);
        foreach (var file in manifest.Files.Append("dataset.json"))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
        }
    }

    [Fact]
    public void Write_OtherSeed_OtherImages()
    {
        var a = TestParts.TempDir();
        var b = TestParts.TempDir();
        Generate(a, 1, count: 1);
        Generate(b, 2, count: 1);

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "p00000_XR-T.png")), File.ReadAllBytes(Path.Combine(b, "p00000_XR-T.png")));
    }

    [Fact]
    public void Write_AllDefective_MaskComponentsMatchManifest()
    {
        var dir = TestParts.TempDir();
        var dataset = Generate(dir, 5, rate: 1, count: 4);

        Assert.All(dataset.Parts, p => Assert.True(p.Defective));
        foreach (var view in dataset.Parts.SelectMany(p => p.Views))
        {
            var manifest = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(dir, view.Manifest)));
            using var mask = Cv2.ImRead(Path.Combine(dir, view.Mask), ImreadModes.Unchanged);
            Assert.Equal(MatType.CV_8UC1, mask.Type());
            var defects = manifest.GetProperty("defects").EnumerateArray().ToList();
            foreach (var cls in new[] { 1, 2 })
            {
                using var binary = new Mat();
                Cv2.Compare(mask, new Scalar(cls), binary, CmpTypes.EQ);
                using var labels = new Mat();
                var components = Cv2.ConnectedComponents(binary, labels, PixelConnectivity.Connectivity8) - 1;
                Assert.Equal(components, defects.Count(d => d.GetProperty("class_id").GetInt32() == cls));
            }

            foreach (var d in defects)
            {
                var box = d.GetProperty("bbox_px").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                using var roi = new Mat(mask, new Rect(box[0], box[1], box[2], box[3]));
                using var hits = new Mat();
                Cv2.Compare(roi, new Scalar(d.GetProperty("class_id").GetInt32()), hits, CmpTypes.EQ);
                Assert.Equal(d.GetProperty("area_px").GetDouble(), Cv2.CountNonZero(hits));
                Assert.InRange(d.GetProperty("size_mm").GetDouble(), 0.15, 40);
            }
        }
    }

    [Fact]
    public void Write_AllDefective_EveryDefectHasADetectabilityAndTheVisibleVerdictIsNeverStricter()
    {
        var dir = TestParts.TempDir();
        var dataset = Generate(dir, 5, rate: 1, count: 4);

        var severity = new Dictionary<string, int> { ["OK"] = 0, ["REVIEW"] = 1, ["NOK"] = 2 };
        foreach (var part in dataset.Parts)
        {
            Assert.NotNull(part.ExpectedVerdictVisible);
            Assert.True(severity[part.ExpectedVerdictVisible!] <= severity[part.ExpectedVerdict!], $"{part.Serial}: fewer flaws cannot judge worse");
        }

        var snrs = new List<double>();
        foreach (var view in dataset.Parts.SelectMany(p => p.Views))
        {
            var manifest = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(dir, view.Manifest)));
            foreach (var d in manifest.GetProperty("defects").EnumerateArray())
            {
                snrs.Add(d.GetProperty("detectability_snr").GetDouble());
            }
        }

        Assert.NotEmpty(snrs);
        Assert.All(snrs, s => Assert.True(s > 0 && double.IsFinite(s), $"detectability {s}"));
    }

    [Fact]
    public void Write_DefectRateZero_CleanMasksAndEmptyManifests()
    {
        var dir = TestParts.TempDir();
        var dataset = Generate(dir, 9, rate: 0, count: 2);

        foreach (var view in dataset.Parts.SelectMany(p => p.Views))
        {
            using var mask = Cv2.ImRead(Path.Combine(dir, view.Mask), ImreadModes.Unchanged);
            Assert.Equal(0, Cv2.CountNonZero(mask));
            Assert.Equal(0, view.DefectCount);
        }
    }

    [Fact]
    public void Write_XrayView_Writes16BitImageOfViewSize()
    {
        var dir = TestParts.TempDir();
        Generate(dir, 3, count: 1);

        using var xray = Cv2.ImRead(Path.Combine(dir, "p00000_XR-T.png"), ImreadModes.Unchanged);
        using var surface = Cv2.ImRead(Path.Combine(dir, "p00000_SF-T.png"), ImreadModes.Unchanged);
        Assert.Equal((MatType.CV_16UC1, 256, 256), (xray.Type(), xray.Cols, xray.Rows));
        Assert.Equal((MatType.CV_8UC1, 256, 192), (surface.Type(), surface.Cols, surface.Rows));
    }

    [Fact]
    public void LoadPart_SampleGeometry_RendersEveryXrayViewOfTheSamplePart()
    {
        var geometry = PartGeometry.Load(Path.Combine(TestParts.RepoRoot, "samples", "parts", "UB-R-1000.geometry.json"));

        Assert.Equal(["XR-1", "XR-2", "XR-3", "SF-1", "SF-2"], geometry.Views.Select(v => v.ViewId));
        Assert.All(geometry.Views.Take(3), v => Assert.NotEmpty(v.Ribs!));
    }

    [Fact]
    public void Write_SamplePartProgram_EveryManifestCarriesTheJudgedVerdict()
    {
        var dir = TestParts.TempDir();
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(TestParts.RepoRoot, "samples", "parts", "UB-R-1000.json"));

        var dataset = new SyntheticDataset(program, geometry, new SynthOptions { Count = 1, Seed = 11, DefectRate = 1 }).Write(dir);

        var part = Assert.Single(dataset.Parts);
        Assert.Contains(part.ExpectedVerdict, new[] { "OK", "NOK", "REVIEW" });
        Assert.Equal(["XR-1", "XR-2", "XR-3", "SF-1", "SF-2"], part.Views.Select(v => v.ViewId));
        foreach (var view in part.Views)
        {
            var manifest = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(dir, view.Manifest)));
            Assert.Equal(part.ExpectedVerdict, manifest.GetProperty("expected_verdict").GetString());
            Assert.NotNull(manifest.GetProperty("expected_view_verdict").GetString());
        }
    }
}

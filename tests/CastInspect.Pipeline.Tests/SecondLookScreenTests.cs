using System.Text.Json.Nodes;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Synthesis;
using CastInspect.Inference;
using CastInspect.Tests.Shared;

namespace CastInspect.Pipeline.Tests;

/// <summary>The shipped surface model's second looks on synthetic surface views with pores and cold shuts (seed 41,
/// never trained on).</summary>
public sealed class SecondLookScreenTests : IDisposable
{
    private static readonly InferenceOptions Cpu = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };
    private readonly string folder = Directory.CreateTempSubdirectory("castinspect-look-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task InspectAsync_SurfaceViewsWithPoresAndColdShuts_ScoresEveryOneAboveTheFloorAndScreensThoseUnderTheLeastScore()
    {
        var (program, images) = SurfaceViews();

        var shipped = await InspectAsync(Repository.Models, program, images);
        var strict = await InspectAsync(Edited("strict", looks => SetMinScores(looks, 0.9999)), program, images);

        var looked = Looked(shipped);
        Assert.Contains(looked, d => d.Defect.Class == DefectClass.Porosity);
        Assert.Contains(looked, d => d.Defect.Class == DefectClass.ColdShut);
        Assert.All(looked, d => Assert.InRange(d.Defect.SecondLookScore!.Value, 0, 1));
        var screened = ScreenedByTheSecondLook(strict);
        Assert.Equal(looked.Count(d => d.Defect.SecondLookScore < 0.9999), screened.Count);
        Assert.All(screened, d => Assert.True(d.Ignored));
        Assert.All(screened, d => Assert.StartsWith(d.Defect.Class == DefectClass.Porosity ? "second look: not a pore" : "second look: not a cold shut", d.Defect.ScreenReason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InspectAsync_OnlyTheColdShutLookStricter_ScreensMoreColdShutsAndPoresAsShipped()
    {
        var (program, images) = SurfaceViews();
        var strictSeams = Edited("seams", looks => looks.Single(l => (string?)l!["class"] == "cold_shut")!["min_score"] = 0.9999);

        var views = await InspectAsync(strictSeams, program, images);

        var looked = Looked(views);
        Assert.Contains(looked, d => d.Defect.Class == DefectClass.ColdShut);
        var screened = ScreenedByTheSecondLook(views);
        var seams = screened.Where(d => d.Defect.Class == DefectClass.ColdShut).ToList();
        Assert.NotEmpty(seams);
        Assert.Equal(looked.Count(d => d.Defect.Class == DefectClass.ColdShut && d.Defect.SecondLookScore < 0.9999), seams.Count);
        Assert.All(seams, d => Assert.StartsWith("second look: not a cold shut", d.Defect.ScreenReason, StringComparison.Ordinal));
        Assert.Equal(looked.Count(d => d.Defect.Class == DefectClass.Porosity && d.Defect.SecondLookScore < ShippedMinScore("porosity")), screened.Count - seams.Count);
    }

    [Fact]
    public async Task InspectAsync_ColdShutLookAlongTheComponent_NeverLowersAScoreAndRaisesSomeLongOnes()
    {
        var (program, images) = SurfaceViews();
        void Along(JsonArray looks, bool along)
        {
            SetMinScores(looks, 0);
            looks.Single(l => (string?)l!["class"] == "cold_shut")!["along_component"] = along;
        }

        var centroid = Looked(await InspectAsync(Edited("centroid", looks => Along(looks, false)), program, images));
        var along = Looked(await InspectAsync(Edited("along", looks => Along(looks, true)), program, images));

        Assert.Equal(centroid.Select(d => (d.Defect.Index, d.Defect.Class, d.Defect.AreaPx)), along.Select(d => (d.Defect.Index, d.Defect.Class, d.Defect.AreaPx)));
        var pairs = centroid.Zip(along).Where(p => p.First.Defect.Class == DefectClass.ColdShut).ToList();
        Assert.All(pairs, p => Assert.True(p.Second.Defect.SecondLookScore >= p.First.Defect.SecondLookScore));
        Assert.All(pairs.Where(p => Math.Max(p.First.Defect.BoundingBox.Width, p.First.Defect.BoundingBox.Height) <= 32), p =>
            Assert.Equal(p.First.Defect.SecondLookScore, p.Second.Defect.SecondLookScore));
        Assert.Contains(pairs, p => p.Second.Defect.SecondLookScore > p.First.Defect.SecondLookScore);
    }

    private (PartProgram Program, List<ViewImage> Images) SurfaceViews()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        var data = Path.Combine(folder, "data");
        if (!Directory.Exists(data))
        {
            new SyntheticDataset(program, geometry, new SynthOptions { Count = 2, Seed = 41, DefectRate = 1, Modality = SynthModality.Surface }).Write(data);
        }

        var images = Directory.GetFiles(data, "*_SF-*.png").Where(f => !f.EndsWith(".mask.png", StringComparison.Ordinal)).Order()
            .Select(f => new ViewImage(Path.GetFileNameWithoutExtension(f).Split('_')[1], File.ReadAllBytes(f))).ToList();
        return (program, images);
    }

    private static List<Core.Verdicts.JudgedDefect> Looked(IReadOnlyList<Core.Verdicts.ViewVerdict> views) =>
        views.SelectMany(v => v.Defects).Where(d => d.Defect.SecondLookScore is not null).ToList();

    private static List<Core.Verdicts.JudgedDefect> ScreenedByTheSecondLook(IReadOnlyList<Core.Verdicts.ViewVerdict> views) =>
        views.SelectMany(v => v.Defects).Where(d => d.Defect.ScreenReason?.StartsWith("second look: not a ", StringComparison.Ordinal) == true).ToList();

    private static double ShippedMinScore(string cls) =>
        (double)JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Models, "manifest.json")))!["models"]!.AsArray()
            .Single(m => (string?)m!["name"] == "surface-seg")!["second_looks"]!.AsArray().Single(l => (string?)l!["class"] == cls)!["min_score"]!;

    private static void SetMinScores(JsonArray looks, double minScore)
    {
        foreach (var look in looks)
        {
            look!["min_score"] = minScore;
        }
    }

    /// <summary>A copy of the shipped models folder with the surface model's <c>second_looks</c> edited.</summary>
    private string Edited(string name, Action<JsonArray> edit)
    {
        var models = Repository.CopyModels(Path.Combine(folder, name));
        var manifest = Path.Combine(models, "manifest.json");
        var root = JsonNode.Parse(File.ReadAllText(manifest))!;
        var surface = root["models"]!.AsArray().Single(m => (string?)m!["name"] == "surface-seg")!;
        edit(surface["second_looks"]!.AsArray());
        File.WriteAllText(manifest, root.ToJsonString());
        return models;
    }

    private static async Task<IReadOnlyList<Core.Verdicts.ViewVerdict>> InspectAsync(string models, PartProgram program, IReadOnlyList<ViewImage> images)
    {
        using var catalog = ModelCatalog.Load(models, Cpu);
        using var inspector = new PartInspector(catalog);
        var views = new List<Core.Verdicts.ViewVerdict>();
        foreach (var pair in images.Chunk(2))
        {
            var result = await inspector.InspectAsync(program, pair, CancellationToken.None);
            views.AddRange(result.Verdict.Views);
        }

        return views;
    }
}

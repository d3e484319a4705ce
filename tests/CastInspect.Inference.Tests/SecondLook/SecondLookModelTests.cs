using System.Text.Json.Nodes;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Inference.Manifest;

namespace CastInspect.Inference.Tests.SecondLook;

/// <summary>The shipped surface model's second look, loaded and checked against its manifest block.</summary>
public class SecondLookModelTests
{
    private static readonly InferenceOptions Cpu = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };

    [Fact]
    public void Load_ShippedSurfaceModel_LoadsItsSecondLooksAtPoresAndColdShuts()
    {
        using var catalog = ModelCatalog.Load(RepoPaths.Models, Cpu);
        var looks = catalog.For(Modality.Surface).SecondLooks;
        Assert.Equal([(DefectClassKeys.Porosity, 36), (DefectClassKeys.ColdShut, 64)], looks.Select(l => (l.Spec.Class, l.Spec.PatchPx)));
        Assert.Empty(catalog.For(Modality.Xray).SecondLooks);
    }

    [Fact]
    public void Score_CentresOnAndPastTheBorderInManyBatches_OneProbabilityEachTheSameAsAlone()
    {
        using var catalog = ModelCatalog.Load(RepoPaths.Models, Cpu);
        var look = catalog.For(Modality.Surface).SecondLooks[0];
        const int W = 50, H = 40;
        var image = Enumerable.Range(0, W * H).Select(i => (float)((i * 37 % 101) / 100.0)).ToArray();
        var probs = image.Select(v => 1 - v).ToArray();
        var centres = Enumerable.Range(0, 300).Select(i => ((double)(i % W) - 3, (double)(i % H) + 2)).ToList();

        var scores = look.Score(image, probs, W, H, centres);
        var alone = look.Score(image, probs, W, H, [centres[299]]);

        Assert.Equal(300, scores.Length);
        Assert.All(scores, s => Assert.InRange(s, 0f, 1f));
        Assert.Equal(alone[0], scores[299], 5);
    }

    [Theory]
    [InlineData("class", "\"shrinkage\"", "second_looks class 'shrinkage' is not known")]
    [InlineData("patch_px", "35", "second_looks[porosity].patch_px 35 is invalid")]
    [InlineData("min_score", "1", "second_looks[porosity].min_score 1 is invalid")]
    [InlineData("min_area_px", "0", "second_looks[porosity].min_area_px 0 is invalid")]
    [InlineData("sha256", "\"00\"", "the manifest's second_looks[porosity].sha256 says 00")]
    [InlineData("input", "\"pixels\"", "no input named 'pixels' (it has patch)")]
    [InlineData("file", "\"missing.onnx\"", "second-look file")]
    public void Load_SecondLookFieldWrong_ThrowsNamingTheField(string field, string value, string expected)
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["second_looks"]![0]![field] = JsonNode.Parse(value));
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoLooksAtOneClass_ThrowsKeepOnePerClass()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["second_looks"]!.AsArray().Add(m["second_looks"]![0]!.DeepClone()));
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("2 looks at 'porosity': keep one per class", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SingleSecondLookBlockOfOlderManifests_ThrowsSayingHowToMoveIt()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m =>
        {
            var looks = m["second_looks"]!.AsArray();
            var only = looks[0]!;
            looks.Remove(only);
            m.Remove("second_looks");
            m["second_look"] = only;
        });
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("move it into a list, \"second_looks\"", ex.Message, StringComparison.Ordinal);
    }
}

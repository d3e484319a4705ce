using System.Text.Json.Nodes;
using CastInspect.Core.Parts;
using CastInspect.Inference.Manifest;

namespace CastInspect.Inference.Tests.SecondLook;

/// <summary>The shipped surface model's second look, loaded and checked against its manifest block.</summary>
public class SecondLookModelTests
{
    private static readonly InferenceOptions Cpu = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };

    [Fact]
    public void Load_ShippedSurfaceModel_LoadsItsSecondLookAtPorosity()
    {
        using var catalog = ModelCatalog.Load(RepoPaths.Models, Cpu);
        var look = catalog.For(Modality.Surface).SecondLook;
        Assert.NotNull(look);
        Assert.Equal((SecondLookSpec.PorosityClass, 36), (look.Spec.Class, look.Spec.PatchPx));
        Assert.Null(catalog.For(Modality.Xray).SecondLook);
    }

    [Fact]
    public void Score_CentresOnAndPastTheBorderInManyBatches_OneProbabilityEachTheSameAsAlone()
    {
        using var catalog = ModelCatalog.Load(RepoPaths.Models, Cpu);
        var look = catalog.For(Modality.Surface).SecondLook!;
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
    [InlineData("class", "\"cold_shut\"", "second_look.class 'cold_shut' is not known")]
    [InlineData("patch_px", "35", "second_look.patch_px 35 is invalid")]
    [InlineData("min_score", "1", "second_look.min_score 1 is invalid")]
    [InlineData("min_area_px", "0", "second_look.min_area_px 0 is invalid")]
    [InlineData("sha256", "\"00\"", "the manifest's second_look.sha256 says 00")]
    [InlineData("input", "\"pixels\"", "no input named 'pixels' (it has patch)")]
    [InlineData("file", "\"missing.onnx\"", "second-look file")]
    public void Load_SecondLookFieldWrong_ThrowsNamingTheField(string field, string value, string expected)
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["second_look"]![field] = JsonNode.Parse(value));
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}

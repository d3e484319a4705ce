using System.Text.Json.Nodes;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Inference.Manifest;

namespace CastInspect.Inference.Tests.Manifest;

public class ModelCatalogTests
{
    private static readonly InferenceOptions Cpu = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };

    [Fact]
    public void Load_ShippedModels_LoadsXrayAndSurfaceOnCpu()
    {
        using var catalog = ModelCatalog.Load(RepoPaths.Models, Cpu);
        Assert.Equal(ExecutionProviderKind.Cpu, catalog.Provider.Provider);
        Assert.Equal(Modality.Xray, catalog.For(Modality.Xray).Entry.Modality);
        Assert.Equal(Modality.Surface, catalog.For(Modality.Surface).Entry.Modality);
    }

    [Fact]
    public void Load_MinAreaInManifest_ExposesPerClassNoiseFloor()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["min_area_px"] = new JsonObject { ["porosity"] = 3, ["cold_shut"] = 40 });
        using var catalog = ModelCatalog.Load(copy.Directory, Cpu);
        var entry = catalog.For(Modality.Surface).Entry;
        Assert.Equal(new ClassMinAreas(3, 40), entry.MinAreaPx);
    }

    [Fact]
    public void Load_SqrtTransformInManifest_NormalisesBySquareRoot()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["normalisation"]!["transform"] = "sqrt");
        using var catalog = ModelCatalog.Load(copy.Directory, Cpu);
        Assert.Equal(IntensityTransform.Sqrt, catalog.For(Modality.Surface).Entry.InputNormalisation.Transform);
    }

    [Fact]
    public void Load_NoTransformInManifest_NormalisesLinearly()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["normalisation"]!.AsObject().Remove("transform"));
        using var catalog = ModelCatalog.Load(copy.Directory, Cpu);
        Assert.Equal(IntensityTransform.Linear, catalog.For(Modality.Surface).Entry.InputNormalisation.Transform);
    }

    [Fact]
    public void Load_UnknownTransform_ThrowsNamingTheTransformAndTheKnownOnes()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["normalisation"]!["transform"] = "log");
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("normalisation transform 'log'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("linear or sqrt", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("min_area_px", """{"porosity": 0, "cold_shut": 40}""", "min_area_px porosity 0")]
    [InlineData("measure_at_peak_fraction", """{"porosity": 1.5}""", "measure_at_peak_fraction porosity 1.5")]
    [InlineData("min_aspect_ratios", """{"cold_shut": 0.5}""", "min_aspect_ratios porosity , cold_shut 0.5 is invalid: each must be at least 1")]
    [InlineData("link_distances_mm", """{"cold_shut": 0}""", "link_distances_mm porosity , cold_shut 0 is invalid: each must be above 0 mm")]
    public void Load_OperatingPointFieldOutOfRange_ThrowsNamingTheFieldAndWhatItMustBe(string field, string value, string expected)
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m[field] = JsonNode.Parse(value));
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GrowThresholdAboveTheClassThreshold_ThrowsNamingBoth()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m =>
        {
            m["thresholds"] = new JsonObject { ["porosity"] = 0.9, ["cold_shut"] = 0.8 };
            m["grow_thresholds"] = new JsonObject { ["cold_shut"] = 0.85 };
        });
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("grow_thresholds porosity , cold_shut 0.85 is invalid", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cold_shut 0.8)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileHashDiffers_ThrowsNamingSha256AndHowToFix()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["sha256"] = new string('0', 64));
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("sha256 of file '", ex.Message, StringComparison.Ordinal);
        Assert.Contains("but the manifest says " + new string('0', 64), ex.Message, StringComparison.Ordinal);
        Assert.Contains("restore the shipped file or retrain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileMissing_ThrowsNamingThePath()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["file"] = "moved.onnx");
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("moved.onnx' named in the manifest does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InputShapeDiffersFromFile_ThrowsNamingBothShapes()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m =>
        {
            m["tile"]!["size"] = 128;
            m["input"]!["shape"] = new JsonArray(-1, 1, 128, 128);
            m["output"]!["shape"] = new JsonArray(-1, 3, 128, 128);
        });
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("has shape [-1, 1, 256, 256] in the .onnx file but [-1, 1, 128, 128] in the manifest", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InputNameDiffers_ThrowsNamingTheFilesInputs()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["input"]!["name"] = "pixels");
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("no input named 'pixels' (it has image)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClassesInOtherOrder_ThrowsNamingExpectedClasses()
    {
        using var copy = new ModelsCopy();
        copy.EditFirstModel(m => m["classes"] = new JsonArray("background", "cold_shut", "porosity"));
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(copy.Directory, Cpu));
        Assert.Contains("must be exactly [background, porosity, cold_shut]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoManifest_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ModelManifestException>(() => ModelCatalog.Load(Path.GetTempPath(), Cpu));
        Assert.Contains("Pipeline:ModelsDirectory", ex.Message, StringComparison.Ordinal);
    }
}

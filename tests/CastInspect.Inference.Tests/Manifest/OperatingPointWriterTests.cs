using System.Text.Json.Nodes;
using CastInspect.Core.Parts;
using CastInspect.Inference.Manifest;

namespace CastInspect.Inference.Tests.Manifest;

public class OperatingPointWriterTests
{
    private static readonly InferenceOptions Cpu = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };

    [Fact]
    public void Write_TunedPoints_CatalogLoadsThemAndKeepsEverythingElse()
    {
        using var copy = new ModelsCopy();
        var before = JsonNode.Parse(File.ReadAllText(copy.ManifestPath))!;

        OperatingPointWriter.Write(copy.Directory, "xray-seg", new ClassThresholds(0.9f, 0.97f), new ClassMinAreas(4, 64), new JsonObject { ["seed"] = 103 });

        using var catalog = ModelCatalog.Load(copy.Directory, Cpu);
        var xray = catalog.For(Modality.Xray).Entry;
        Assert.Equal((0.9, 0.97), (xray.Thresholds.Porosity, xray.Thresholds.ColdShut));
        Assert.Equal(new ClassMinAreas(4, 64), xray.MinAreaPx);
        var after = JsonNode.Parse(File.ReadAllText(copy.ManifestPath))!;
        var (oldXray, newXray) = (Entry(before, "xray-seg"), Entry(after, "xray-seg"));
        Assert.Equal(103, (int)newXray["tuning"]!["seed"]!);
        Assert.Equal(oldXray["training"]!.ToJsonString(), newXray["training"]!.ToJsonString());
        Assert.Equal(oldXray["evaluation"]!.ToJsonString(), newXray["evaluation"]!.ToJsonString());
        Assert.Equal(Entry(before, "surface-seg").ToJsonString(), Entry(after, "surface-seg").ToJsonString());
    }

    [Fact]
    public void Write_MeasuringLevel_CatalogLoadsItAndAWriteWithoutOneRemovesIt()
    {
        using var copy = new ModelsCopy();

        OperatingPointWriter.Write(copy.Directory, "xray-seg", new ClassThresholds(0.4, 0.97), new ClassMinAreas(4, 64), [], new ClassMeasuringLevels(0.9));
        using (var catalog = ModelCatalog.Load(copy.Directory, Cpu))
        {
            Assert.Equal(new ClassMeasuringLevels(0.9, null), catalog.For(Modality.Xray).Entry.MeasureAtPeakFraction);
        }

        OperatingPointWriter.Write(copy.Directory, "xray-seg", new ClassThresholds(0.9, 0.97), new ClassMinAreas(4, 64), []);
        using var rewritten = ModelCatalog.Load(copy.Directory, Cpu);
        Assert.Null(rewritten.For(Modality.Xray).Entry.MeasureAtPeakFraction);
    }

    [Fact]
    public void Write_GrowThreshold_CatalogLoadsItAndAWriteWithoutOneRemovesIt()
    {
        using var copy = new ModelsCopy();

        OperatingPointWriter.Write(copy.Directory, "surface-seg", new ClassThresholds(0.9, 0.98), new ClassMinAreas(4, 192), [], grow: new ClassGrowThresholds(ColdShut: 0.5));
        using (var catalog = ModelCatalog.Load(copy.Directory, Cpu))
        {
            Assert.Equal(new ClassGrowThresholds(null, 0.5), catalog.For(Modality.Surface).Entry.GrowThresholds);
        }

        OperatingPointWriter.Write(copy.Directory, "surface-seg", new ClassThresholds(0.9, 0.98), new ClassMinAreas(4, 192), []);
        using var rewritten = ModelCatalog.Load(copy.Directory, Cpu);
        Assert.Null(rewritten.For(Modality.Surface).Entry.GrowThresholds);
    }

    [Fact]
    public void Write_AspectRatioAndLinkDistance_CatalogLoadsThemAndAWriteWithoutThemRemovesThem()
    {
        using var copy = new ModelsCopy();

        OperatingPointWriter.Write(
            copy.Directory, "surface-seg", new ClassThresholds(0.9, 0.98), new ClassMinAreas(4, 192), [], aspect: new ClassMinAspectRatios(ColdShut: 3), link: new ClassLinkDistances(ColdShut: 2));
        using (var catalog = ModelCatalog.Load(copy.Directory, Cpu))
        {
            Assert.Equal(new ClassMinAspectRatios(null, 3), catalog.For(Modality.Surface).Entry.MinAspectRatios);
            Assert.Equal(new ClassLinkDistances(null, 2), catalog.For(Modality.Surface).Entry.LinkDistancesMm);
        }

        OperatingPointWriter.Write(copy.Directory, "surface-seg", new ClassThresholds(0.9, 0.98), new ClassMinAreas(4, 192), []);
        using var rewritten = ModelCatalog.Load(copy.Directory, Cpu);
        Assert.Null(rewritten.For(Modality.Surface).Entry.MinAspectRatios);
        Assert.Null(rewritten.For(Modality.Surface).Entry.LinkDistancesMm);
    }

    private static JsonNode Entry(JsonNode manifest, string name) => manifest["models"]!.AsArray().Single(m => (string?)m!["name"] == name)!;

    [Fact]
    public void Write_UnknownModel_ThrowsNamingItAndLeavesTheManifest()
    {
        using var copy = new ModelsCopy();
        var before = File.ReadAllText(copy.ManifestPath);

        var ex = Assert.Throws<ModelManifestException>(() =>
            OperatingPointWriter.Write(copy.Directory, "ct-seg", new ClassThresholds(0.5, 0.5), new ClassMinAreas(1, 1), []));

        Assert.Contains("no model named 'ct-seg'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(copy.ManifestPath));
    }

    [Fact]
    public void Write_SecondLookMinScore_CatalogLoadsItAndAWriteWithoutOneScreensNone()
    {
        using var copy = new ModelsCopy();

        OperatingPointWriter.Write(copy.Directory, "surface-seg", new ClassThresholds(0.9, 0.8), new ClassMinAreas(8, 256), [], secondLook: new ClassSecondLookScores(Porosity: 0.3));
        using (var catalog = ModelCatalog.Load(copy.Directory, Cpu))
        {
            Assert.Equal(0.3, catalog.For(Modality.Surface).Entry.SecondLooks![0].MinScore);
        }

        OperatingPointWriter.Write(copy.Directory, "surface-seg", new ClassThresholds(0.9, 0.8), new ClassMinAreas(8, 256), []);
        using var again = ModelCatalog.Load(copy.Directory, Cpu);
        Assert.Equal(0, again.For(Modality.Surface).Entry.SecondLooks![0].MinScore);
        Assert.NotEmpty(again.For(Modality.Surface).SecondLooks);
    }

    [Fact]
    public void Write_LooksAtBothClasses_EachLookGetsItsClassesLeastScore()
    {
        using var copy = new ModelsCopy();

        OperatingPointWriter.Write(copy.Directory, "surface-seg", new ClassThresholds(0.9, 0.8), new ClassMinAreas(8, 256), [], secondLook: new ClassSecondLookScores(0.3, 0.6));

        using var catalog = ModelCatalog.Load(copy.Directory, Cpu);
        Assert.Equal([("porosity", 0.3), ("cold_shut", 0.6)], catalog.For(Modality.Surface).SecondLooks.Select(l => (l.Spec.Class, l.Spec.MinScore)));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using CastInspect.Imaging.Synthesis;
using CastInspect.Tests.Shared;

namespace CastInspect.Cli.Tests;

public sealed class TuneCommandTests
{
    [Fact]
    public async Task Tune_FolderThatIsNoSynthDataset_ExitsOneSayingHowToMakeOne()
    {
        var empty = Directory.CreateTempSubdirectory("castinspect-tune-cli-").FullName;
        try
        {
            var (code, _, stderr) = await CliProcess.RunAsync(
                "tune", "--part", Path.Combine(Repository.SampleParts, "UB-R-1000.json"), "--data", empty, "--modality", "xray", "--device", "cpu");

            Assert.Equal(1, code);
            Assert.Contains("not a synth dataset", stderr, StringComparison.Ordinal);
            Assert.Contains("castinspect synth", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Tune_WriteOnASynthSet_RecordsTheSetsSeedAndGeneratorInTheManifest()
    {
        var root = Directory.CreateTempSubdirectory("castinspect-tune-cli-").FullName;
        try
        {
            var (data, models, part) = await XraySetAsync(root, count: 1, seed: 31, defectRate: 1);
            var (code, _, stderr) = await CliProcess.RunAsync(
                "tune", "--part", part, "--data", data, "--modality", "xray", "--models", models, "--write", "--device", "cpu");

            Assert.True(code == 0, stderr);
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(models, "manifest.json")))!;
            var tuned = manifest["models"]!.AsArray().Single(m => (string?)m!["name"] == "xray-seg")!["tuning"]!["data"]!;
            Assert.Equal(31, (int)tuned["seed"]!);
            Assert.Equal(SyntheticDataset.GeneratorVersion, (int)tuned["generator_version"]!);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Tune_WriteOnTwoSets_RecordsBothSeedsInTheManifest()
    {
        var root = Directory.CreateTempSubdirectory("castinspect-tune-cli-").FullName;
        try
        {
            var (models, part) = (Repository.CopyModels(Path.Combine(root, "models")), Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
            foreach (var seed in new[] { "32", "33" })
            {
                var (synth, _, synthErrors) = await CliProcess.RunAsync(
                    "synth", "--part", part, "--modality", "xray", "--count", "1", "--seed", seed, "--defect-rate", "1", "--out", Path.Combine(root, seed));
                Assert.True(synth == 0, synthErrors);
            }

            var (code, stdout, stderr) = await CliProcess.RunAsync(
                "tune", "--part", part, "--data", Path.Combine(root, "32"), Path.Combine(root, "33"), "--modality", "xray", "--models", models, "--write", "--device", "cpu");

            Assert.True(code == 0, stderr);
            Assert.Contains("seeds 32, 33: 6 views", stdout, StringComparison.Ordinal);
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(models, "manifest.json")))!;
            var tuned = manifest["models"]!.AsArray().Single(m => (string?)m!["name"] == "xray-seg")!["tuning"]!["data"]!;
            Assert.Equal([32, 33], tuned["seeds"]!.AsArray().Select(s => (int)s!));
            Assert.Null(tuned["seed"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Tune_ForPartsWrite_RecordsTheMissedNokPartsOfBothClassesAndTheObjective()
    {
        var root = Directory.CreateTempSubdirectory("castinspect-tune-cli-").FullName;
        try
        {
            var (data, models, part) = await XraySetAsync(root, count: 2, seed: 34, defectRate: 0.5);

            var (code, stdout, stderr) = await CliProcess.RunAsync(
                "tune", "--part", part, "--data", data, "--modality", "xray", "--models", models, "--for-parts", "--write", "--device", "cpu");

            Assert.True(code == 0, stderr);
            Assert.Contains("parts judged whole: missed NOK", stdout, StringComparison.Ordinal);
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(models, "manifest.json")))!;
            var tuning = manifest["models"]!.AsArray().Single(m => (string?)m!["name"] == "xray-seg")!["tuning"]!;
            Assert.StartsWith("fewest missed NOK parts", (string)tuning["objective"]!, StringComparison.Ordinal);
            foreach (var c in new[] { "porosity", "cold_shut" })
            {
                Assert.Equal((int)tuning["porosity"]!["missed_nok_parts"]!, (int)tuning[c]!["missed_nok_parts"]!);
                Assert.InRange((int)tuning[c]!["missed_nok_parts"]!, 0, (int)tuning[c]!["nok_parts"]!);
                Assert.NotNull(tuning[c]!["part_false_calls"]);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>An X-ray synth set in root/val and a copy of the shipped models in root/models.</summary>
    private static async Task<(string Data, string Models, string Part)> XraySetAsync(string root, int count, int seed, double defectRate)
    {
        var (data, models, part) = (Path.Combine(root, "val"), Repository.CopyModels(Path.Combine(root, "models")), Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        var (synth, _, synthErrors) = await CliProcess.RunAsync(
            "synth", "--part", part, "--modality", "xray", "--count", $"{count}", "--seed", $"{seed}", "--defect-rate", defectRate.ToString(CultureInfo.InvariantCulture), "--out", data);
        Assert.True(synth == 0, synthErrors);
        return (data, models, part);
    }

    [Fact]
    public async Task Tune_PrecisionConfidenceOfOne_ExitsTwoSayingWhatToGive()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(
            "tune", "--part", Path.Combine(Repository.SampleParts, "UB-R-1000.json"), "--data", Repository.Root, "--modality", "surface", "--precision-confidence", "1");

        Assert.Equal(2, code);
        Assert.Contains("--precision-confidence 1: give a confidence between 0.5 and 1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tune_LinkDistanceOfZero_ExitsTwoSayingWhatItMustBe()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(
            "tune", "--part", Path.Combine(Repository.SampleParts, "UB-R-1000.json"), "--data", Repository.Root, "--modality", "surface", "--link-distances", "2", "0");

        Assert.Equal(2, code);
        Assert.Contains("--link-distances 2 0: each distance must be above 0 mm", stderr, StringComparison.Ordinal);
    }
}

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
    public async Task Tune_LinkDistanceOfZero_ExitsTwoSayingWhatItMustBe()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(
            "tune", "--part", Path.Combine(Repository.SampleParts, "UB-R-1000.json"), "--data", Repository.Root, "--modality", "surface", "--link-distances", "2", "0");

        Assert.Equal(2, code);
        Assert.Contains("--link-distances 2 0: each distance must be above 0 mm", stderr, StringComparison.Ordinal);
    }
}

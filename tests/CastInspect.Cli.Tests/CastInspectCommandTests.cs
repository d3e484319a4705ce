namespace CastInspect.Cli.Tests;

public class CastInspectCommandTests
{
    [Fact]
    public async Task Help_ListsEveryVerb()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync("--help");

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "serve", "send", "inspect", "parts", "synth", "eval", "tune", "reprocess", "bench", "users" })
        {
            Assert.Contains(verb, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Invoke_UnknownVerb_ExitsNonZeroAndNamesIt()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync("frobnicate");

        Assert.NotEqual(0, exit);
        Assert.Contains("frobnicate", stderr, StringComparison.Ordinal);
    }
}

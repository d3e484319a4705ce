using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json;
using CastInspect.Server.Tests.Reprocessing;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CastInspect.Cli.Tests;

public sealed class ReprocessCommandTests(ITestOutputHelper output)
{
    private const int Size = 256;

    private static string Models => Path.Combine(CliProcess.RepoRoot, "models");

    [Fact]
    public async Task Reprocess_KilledWithSigkillAndResumed_SameTotalsAsUninterruptedRunWithoutDuplicates()
    {
        using var store = await SyntheticStore.CreateAsync();
        const int size = Size, parts = 30;
        var program = SyntheticStore.Program(1, 2.0, 2.0, size);
        for (var i = 0; i < parts; i++)
        {
            Pore[] pores = (i % 3) switch { 0 => [], 1 => [new(64, 100, 7)], _ => [new(190, 100, 7)] };
            await store.AddAsync($"K-{i:D3}", program, "image", SyntheticStore.WallPng(size, pores, i), SyntheticStore.CleanResult(program, "image", size), DateTimeOffset.UtcNow);
        }

        var tightened = Path.Combine(store.Root, "tightened.json");
        await File.WriteAllTextAsync(tightened, SyntheticStore.ProgramJson(2, 1.0, 2.0, size));
        string[] common = ["reprocess", "--data", store.Root, "--parallel", "2", "--baseline-images", "0"];

        var committedAtKill = await RunAndKillAsync(store, [.. common, "--run-id", "killed", "--part", tightened, "--models", Models], afterParts: 1);
        Assert.InRange(committedAtKill, 1, parts - 1);

        var refused = await CliProcess.RunAsync([.. common, "--run-id", "killed", "--verdict", "OK"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("frozen", refused.Stderr, StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var resumed = await CliProcess.RunAsync([.. common, "--run-id", "killed"]);
        var resumedSeconds = clock.Elapsed.TotalSeconds;
        var whole = await CliProcess.RunAsync([.. common, "--run-id", "whole", "--part", tightened, "--models", Models]);
        output.WriteLine($"killed after {committedAtKill} of {parts}; resume took {resumedSeconds:F1} s, whole run {clock.Elapsed.TotalSeconds - resumedSeconds:F1} s");
        output.WriteLine(whole.Stdout);

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.True(whole.ExitCode == 0, whole.Stdout + whole.Stderr);
        Assert.Contains("resuming run killed", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{parts} selected, {parts} processed, 0 failed", resumed.Stdout, StringComparison.Ordinal);
        foreach (var file in new[] { "transitions.csv", "changed.csv" })
        {
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(store.Root, "reprocess", "whole", file)),
                await File.ReadAllTextAsync(Path.Combine(store.Root, "reprocess", "killed", file)));
        }

        await using var connection = await store.Connections.OpenAsync();
        var (rows, distinct) = await connection.QuerySingleAsync<(long, long)>(
            "SELECT COUNT(*), COUNT(DISTINCT inspection_id) FROM reprocess_results WHERE run_id = 'killed'");
        Assert.Equal(parts, rows);
        Assert.Equal(parts, distinct);
        Assert.Contains("OK,NOK,", await File.ReadAllTextAsync(Path.Combine(store.Root, "reprocess", "whole", "transitions.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reprocess_DirectoryMode_WritesOneVerdictJsonPerPart()
    {
        var root = Path.Combine(Path.GetTempPath(), "castinspect-reprocess-dir-" + Guid.NewGuid().ToString("N"));
        var input = Path.Combine(root, "in");
        Directory.CreateDirectory(input);
        try
        {
            var programFile = Path.Combine(root, "wall.json");
            await File.WriteAllTextAsync(programFile, SyntheticStore.ProgramJson(1, 1.0, 2.0, Size));
            for (var i = 0; i < 2; i++)
            {
                var name = $"p{i:D5}_image";
                await File.WriteAllBytesAsync(Path.Combine(input, name + ".png"), SyntheticStore.WallPng(Size, i == 0 ? [] : [new Pore(64, 100, 9)], i));
                await File.WriteAllBytesAsync(Path.Combine(input, name + ".mask.png"), SyntheticStore.WallPng(Size, [], 50 + i));
                await File.WriteAllTextAsync(Path.Combine(input, name + ".json"), JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["part_number"] = SyntheticStore.PartNumber, ["serial"] = $"SYN-7-{i:D5}", ["view_id"] = "image", ["image"] = name + ".png",
                }));
            }

            await File.WriteAllBytesAsync(Path.Combine(input, "W-9.png"), SyntheticStore.WallPng(Size, [], 9));
            var output = Path.Combine(root, "out");

            var (exit, stdout, stderr) = await CliProcess.RunAsync(
                "reprocess", "--part", programFile, "--input", input, "--out", output, "--models", Models, "--parallel", "2");

            Assert.True(exit == 0, stdout + stderr);
            Assert.Equal(["SYN-7-00000.json", "SYN-7-00001.json", "W-9.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var file in Directory.GetFiles(output))
            {
                using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
                Assert.Equal(Path.GetFileNameWithoutExtension(file), json.RootElement.GetProperty("part_serial").GetString());
                Assert.Contains(json.RootElement.GetProperty("verdict").GetString(), new[] { "OK", "REVIEW", "NOK" });
            }

            Assert.Contains("3 parts (3 images)", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Starts the CLI, waits until its progress output shows at least <paramref name="afterParts"/> parts committed
    /// (a progress line is written after each commit, at most every 2 s), kills it with SIGKILL and returns the
    /// number of committed results.
    /// </summary>
    private async Task<long> RunAndKillAsync(SyntheticStore store, string[] args, int afterParts)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = CliProcess.RepoRoot };
        psi.ArgumentList.Add(CliProcess.CliDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            var match = Regex.Match(line, @"^reprocess: (\d+)/(\d+) parts");
            if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= afterParts
                && match.Groups[1].Value != match.Groups[2].Value)
            {
                process.Kill();
                break;
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 137 || process.ExitCode == -1 || !seen.Any(l => l.StartsWith("Reprocessing run", StringComparison.Ordinal)),
            "the run ended before it could be killed: " + string.Join('\n', seen) + await stderr);
        var committed = await CountAsync(store);
        output.WriteLine($"killed after '{seen[^1]}': {committed} results committed");
        return committed;
    }

    /// <summary>Committed results of run "killed", read through a fresh read-only connection (no pooled snapshot).</summary>
    private static async Task<long> CountAsync(SyntheticStore store)
    {
        await using var connection = new SqliteConnection($"Data Source={store.Options.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reprocess_results WHERE run_id = 'killed'");
    }
}

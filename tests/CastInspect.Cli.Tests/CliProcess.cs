using System.Diagnostics;
using CastInspect.Tests.Shared;

namespace CastInspect.Cli.Tests;

/// <summary>Runs the built <c>castinspect</c> CLI as a real process, the way an operator or script would.</summary>
internal static class CliProcess
{
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "castinspect.dll");

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(CliDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        await RunInAsync(RepoRoot, args);

    public static string RepoRoot => Repository.Root;
}

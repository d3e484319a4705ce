using System.Diagnostics;

namespace CastInspect.Cli.Tests;

public sealed class UsersCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("castinspect-users-").FullName;

    [Fact]
    public async Task Add_ReviewerWithPasswordOnStdin_IsListedAndCanBeDisabled()
    {
        var add = await RunAsync("correct horse battery\n", "users", "add", "rita", "--role", "reviewer", "--password-stdin", "--data-dir", _dir);
        var listed = await RunAsync(null, "users", "list", "--data-dir", _dir);
        var disable = await RunAsync(null, "users", "disable", "rita", "--data-dir", _dir);
        var after = await RunAsync(null, "users", "list", "--data-dir", _dir);

        Assert.Equal(0, add.Exit);
        Assert.Contains("added reviewer 'rita'", add.Stdout, StringComparison.Ordinal);
        Assert.Contains("rita\treviewer\tenabled", listed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", listed.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, disable.Exit);
        Assert.Contains("rita\treviewer\tdisabled", after.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ExistingUser_FailsNamingTheUser()
    {
        await RunAsync("correct horse battery\n", "users", "add", "rita", "--role", "viewer", "--data-dir", _dir);

        var again = await RunAsync("another password\n", "users", "add", "rita", "--role", "viewer", "--data-dir", _dir);

        Assert.Equal(1, again.Exit);
        Assert.Contains("'rita' exists", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_UnknownRole_IsAUsageError()
    {
        var result = await RunAsync("correct horse battery\n", "users", "add", "rita", "--role", "admin", "--data-dir", _dir);

        Assert.Equal(2, result.Exit);
        Assert.Contains("reviewer or viewer", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ShortPassword_IsRefusedAndNothingStored()
    {
        var result = await RunAsync("short\n", "users", "add", "rita", "--role", "viewer", "--data-dir", _dir);
        var listed = await RunAsync(null, "users", "list", "--data-dir", _dir);

        Assert.Equal(2, result.Exit);
        Assert.Contains("too short", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("rita", listed.Stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add(CliProcess.CliDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

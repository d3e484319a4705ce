using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using CastInspect.Contracts.V1;
using CastInspect.Storage;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Sqlite;
using CastInspect.Tests.Shared;
using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;

namespace CastInspect.Server.Tests.Grpc;

/// <summary>
/// Acknowledged means durable: a real <c>castinspect serve</c> process is killed with SIGKILL at random moments while
/// camera clients stream parts; after each restart every acknowledged inspection must be there and complete.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Rounds = 3;
    private const int Clients = 2;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("castinspect-crash-").FullName;

    [Fact]
    public async Task Serve_KilledDuringUploads_EveryAcknowledgedInspectionSurvivesCompleteAndNothingIsHalfWritten()
    {
        var acknowledged = new ConcurrentDictionary<string, (PartVerdict Verdict, string Sha256)>();
        var random = new Random(20261122);
        var sent = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var (process, grpcPort) = await StartServeAsync();
            using (process)
            {
                using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
                var client = new Inspection.InspectionClient(channel);
                using var stop = new CancellationTokenSource();
                var uploaders = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var n = Interlocked.Increment(ref sent);
                        var image = Uploads.Raw16Image(96, 96, seed: n);
                        try
                        {
                            var verdict = await Uploads.SendAsync(client, Uploads.View("image", image, 96, 96).Prepend(Uploads.Header($"crash-{n}")));
                            acknowledged[verdict.RequestId] = (verdict, Convert.ToHexStringLower(SHA256.HashData(image)));
                        }
                        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled)
                        {
                            // Not acknowledged: the server died under this upload. No promise was made.
                            await Task.Delay(50);
                        }
                    }
                })).ToList();

                var before = acknowledged.Count;
                var wait = Stopwatch.StartNew();
                while (acknowledged.Count == before && wait.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(20);
                }

                await Task.Delay(random.Next(1500));
                process.Kill();
                await process.WaitForExitAsync();
                await stop.CancelAsync();
                await Task.WhenAll(uploaders);
            }
        }

        Assert.True(acknowledged.Count >= Rounds, $"only {acknowledged.Count} of {sent} uploads were acknowledged before the kills");
        var (final, finalPort) = await StartServeAsync();
        using (final)
        {
            try
            {
                using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{finalPort}");
                var client = new Inspection.InspectionClient(channel);
                foreach (var (requestId, (verdict, sha)) in acknowledged)
                {
                    var stored = await client.GetInspectionAsync(new GetInspectionRequest { RequestId = requestId });
                    Assert.Equal(verdict.Verdict, stored.Verdict);
                    Assert.Equal(verdict.Reasons, stored.Reasons);
                    Assert.Equal(verdict.Views.Sum(v => v.Defects.Count), stored.Views.Sum(v => v.Defects.Count));
                    Assert.Equal(sha, Assert.Single(stored.Views).ImageSha256);
                }
            }
            finally
            {
                final.Kill();
                await final.WaitForExitAsync();
            }
        }

        await AssertNothingHalfWrittenAsync();
    }

    private async Task AssertNothingHalfWrittenAsync()
    {
        var options = new StoreOptions { DataDirectory = _dataDirectory };
        var connections = new SqliteConnectionFactory(options);
        await using var c = await connections.OpenAsync();
        Assert.Equal("ok", await c.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM inspections i WHERE NOT EXISTS (SELECT 1 FROM inspection_views v WHERE v.inspection_id = i.id)"));
        var store = new InspectionStore(connections);
        foreach (var requestId in await c.QueryAsync<string>("SELECT request_id FROM inspections"))
        {
            var stored = (await store.FindAsync(requestId))!;
            Assert.Equal(stored.Result.Verdict.Views.Count, stored.Images.Count);
            var defects = await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM defects d JOIN inspection_views v ON v.id = d.inspection_view_id JOIN inspections i ON i.id = v.inspection_id WHERE i.request_id = @requestId",
                new { requestId });
            Assert.Equal(stored.Result.Verdict.Views.Sum(v => v.Defects.Count), defects);
            foreach (var image in stored.Images)
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(options.ArchivePath, image.RelativePath));
                Assert.Equal(image.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>Starts <c>castinspect serve</c> on free ports; a start whose port was taken before the child bound it
    /// (the service exits naming the address in use) is tried again on new ports, up to five times.</summary>
    private async Task<(Process Process, int GrpcPort)> StartServeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var grpcPort = LoopbackHost.FreePort();
            var errors = new ConcurrentQueue<string>();
            var process = await TryStartServeAsync(grpcPort, errors);
            if (process is not null)
            {
                return (process, grpcPort);
            }

            var stderr = string.Join('\n', errors);
            Assert.True(
                attempt < 5 && stderr.Contains("address already in use", StringComparison.OrdinalIgnoreCase),
                $"castinspect serve exited before serving: {stderr}");
        }
    }

    /// <summary>The started service once it serves; null (its process released) when it exited first.</summary>
    private async Task<Process?> TryStartServeAsync(int grpcPort, ConcurrentQueue<string> errors)
    {
        Process? process = StartServeProcess(grpcPort, errors);
        try
        {
            if (await WaitServingAsync(process, grpcPort))
            {
                return Interlocked.Exchange(ref process, null);
            }

            return null;
        }
        finally
        {
            process?.Dispose();
        }
    }

    private Process StartServeProcess(int grpcPort, ConcurrentQueue<string> errors)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestPipeline.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in (string[])[
            Path.Combine(AppContext.BaseDirectory, "castinspect.dll"), "serve",
            "--grpc-port", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--http-port", LoopbackHost.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data", _dataDirectory, .. TestPipeline.Settings])
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => Keep(errors, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null && lines.Count < 200)
        {
            lines.Enqueue(line);
        }
    }

    /// <summary>True once the service reports Serving; false when it exited first.</summary>
    private static async Task<bool> WaitServingAsync(Process process, int grpcPort)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var health = new Health.HealthClient(channel);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return true;
                }
            }
            catch (RpcException)
            {
            }

            if (process.HasExited)
            {
                process.WaitForExit();
                return false;
            }

            await Task.Delay(250);
        }

        process.Kill();
        throw new TimeoutException("castinspect serve did not report Serving within 90 s");
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}

using System.Buffers.Binary;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CastInspect.Cli.Benchmarks;
using CastInspect.Contracts.V1;
using CastInspect.Core.Parts;
using CastInspect.Inference;
using CastInspect.Server.Hosting;
using CastInspect.Server.Reprocessing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CastInspect.Cli.Commands;

/// <summary>
/// <c>bench</c>: synthetic camera clients streaming whole parts over real gRPC to an in-process service (or --server),
/// against raw ONNX Runtime inference on the same tiles measured in the same run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var clients = new Option<int>("--clients") { Description = "Concurrent camera clients.", DefaultValueFactory = _ => 1 };
        var parts = new Option<int>("--parts") { Description = "Parts sent in total (spread over the clients).", DefaultValueFactory = _ => 20 };
        var server = new Option<string?>("--server") { Description = "Bench a running service at this gRPC address instead of an in-process one." };
        var partNumber = new Option<string>("--part-number") { Description = "Part program of the synthetic parts.", DefaultValueFactory = _ => "UB-R-1000" };
        var partsDir = new Option<string>("--parts-dir") { Description = "Part program folder.", DefaultValueFactory = _ => "samples/parts" };
        var modelsDir = new Option<string>("--models") { Description = "Models folder (raw-inference baseline).", DefaultValueFactory = _ => "models" };
        var command = new Command("bench", "Benchmarks that print figures: the service over gRPC (default), imaging, inference.")
        {
            clients, parts, server, partNumber, partsDir, modelsDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Settings(
                Math.Max(1, parse.GetValue(clients)),
                Math.Max(1, parse.GetValue(parts)),
                parse.GetValue(server),
                parse.GetValue(partNumber)!,
                parse.GetValue(partsDir)!,
                parse.GetValue(modelsDir)!);
            return await RunAsync(settings, cancellationToken).ConfigureAwait(false);
        });
        command.Subcommands.Add(BenchImagingCommand.Create());
        command.Subcommands.Add(BenchInferenceCommand.Create());
        command.Subcommands.Add(BenchViewerCommand.Create());
        return command;
    }

    private sealed record Settings(int Clients, int Parts, string? Server, string PartNumber, string PartsDirectory, string ModelsDirectory);

    private static async Task<int> RunAsync(Settings s, CancellationToken cancellationToken)
    {
        var program = PartProgramCatalog.LoadFolder(s.PartsDirectory).Find(s.PartNumber);
        if (program is null)
        {
            await Console.Error.WriteLineAsync($"castinspect bench: part number '{s.PartNumber}' not found in {s.PartsDirectory}").ConfigureAwait(false);
            return CliErrors.Usage;
        }

        var dataDirectory = Directory.CreateTempSubdirectory("castinspect-bench-").FullName;
        try
        {
            return await RunInAsync(s, program, dataDirectory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(Settings s, PartProgram program, string dataDirectory, CancellationToken cancellationToken)
    {
        var grpcPort = FreePort();
        string[] args =
        [
            $"--Server:GrpcPort={grpcPort}",
            $"--Server:HttpPort={FreePort()}",
            $"--Store:DataDirectory={dataDirectory}",
            $"--Pipeline:ModelsDirectory={s.ModelsDirectory}",
            $"--Pipeline:PartProgramsDirectory={s.PartsDirectory}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        ];
        await using var app = s.Server is null ? CastInspectHost.Build(args) : null;
        if (app is not null)
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var address = s.Server ?? $"http://127.0.0.1:{grpcPort}";
        var views = program.Views.Select((v, i) => (View: v, Image: SyntheticView(v.WidthPx, v.HeightPx, i + 1))).ToList();
        using var ownModels = app is null ? ModelCatalog.Load(s.ModelsDirectory, new InferenceOptions()) : null;
        var models = ownModels ?? app!.Services.GetRequiredService<ModelCatalog>();
        var exit = await MeasureAsync(s, address, program, views, models, cancellationToken).ConfigureAwait(false);
        if (app is not null)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return exit;
    }

    private static async Task<int> MeasureAsync(
        Settings s, string address, PartProgram program, List<(ViewDefinition View, byte[] Image)> views, ModelCatalog models, CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        var client = new Inspection.InspectionClient(channel);
        var runId = Guid.NewGuid().ToString("N")[..8];

        for (var w = 0; w < 2; w++)
        {
            await SendPartAsync(client, program, views, $"bench-{runId}-warmup-{w}", w, cancellationToken).ConfigureAwait(false);
        }

        var rawRuns = new List<double>();
        RawInference(models, views, rawRuns, passes: 3);
        var stages = StageBreakdown.Start();
        using var memory = new MemorySampler();
        var latencies = new List<double>();
        var errors = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        async Task ClientAsync()
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < s.Parts)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await SendPartAsync(client, program, views, $"bench-{runId}-{n}", n + 1000, cancellationToken).ConfigureAwait(false);
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }

                    if (s.Clients == 1)
                    {
                        RawInference(models, views, rawRuns, passes: 1);
                    }
                }
                catch (RpcException e)
                {
                    Interlocked.Increment(ref errors);
                    await Console.Error.WriteLineAsync($"part {n}: {e.StatusCode} {e.Status.Detail}").ConfigureAwait(false);
                }

                memory.MarkPart(n, s.Parts);
            }
        }

        var workers = new List<Task>();
        for (var c = 0; c < s.Clients; c++)
        {
            workers.Add(ClientAsync());
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var wall = clock.Elapsed.TotalSeconds - (s.Clients == 1 ? rawRuns.Skip(3).Sum() / 1000 : 0);
        RawInference(models, views, rawRuns, passes: 3);
        var rawPerPartMs = Median(rawRuns);

        latencies.Sort();
        var viewsSent = latencies.Count * views.Count;
        var e2ePerViewMs = latencies.Count == 0 ? double.NaN : (s.Clients == 1 ? Median(latencies) : wall * 1000 / latencies.Count) / views.Count;
        var rawPerViewMs = rawPerPartMs / views.Count;
        var lines = new[]
        {
            $"bench: {program.PartNumber} ({views.Count} views: {string.Join(", ", views.Select(v => $"{v.View.Id} {v.View.WidthPx}x{v.View.HeightPx}"))}), {s.Clients} client(s), {s.Parts} parts, {(s.Server is null ? "in-process service" : s.Server)} over gRPC",
            $"throughput: {latencies.Count / wall:F2} parts/s, {viewsSent / wall:F2} views/s, wall {wall:F1} s",
            $"latency per part: p50 {Percentile(latencies, 0.50):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms",
            $"errors: {errors}",
            $"working set: {memory.Describe()}",
            $"raw ONNX Runtime inference on the same tiles: {rawPerPartMs:F1} ms per part, {rawPerViewMs:F1} ms per view ({models.Provider.Provider}; median of {rawRuns.Count} passes {(s.Clients == 1 ? "interleaved with the parts" : "before and after the parts")})",
            $"end-to-end per view {(s.Clients == 1 ? "(median latency / views)" : "(wall / views, throughput)")}: {e2ePerViewMs:F1} ms; ratio end-to-end / raw inference = {e2ePerViewMs / rawPerViewMs:F2}",
        };
        if (s.Server is null)
        {
            lines = [.. lines, .. stages.Lines(latencies.Count)];
        }

        foreach (var line in lines)
        {
            await Console.Out.WriteLineAsync(line.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        return errors == 0 ? 0 : 1;
    }

    /// <summary>Adds the time of each of <paramref name="passes"/> raw passes over the part's views (same tiles and batches as the pipeline).</summary>
    private static void RawInference(ModelCatalog models, List<(ViewDefinition View, byte[] Image)> views, List<double> runs, int passes)
    {
        var shapes = views.Select(v => new ImageShape(v.View.Modality, v.View.WidthPx, v.View.HeightPx)).ToList();
        for (var r = 0; r < passes; r++)
        {
            var ms = RawInferenceBaseline.PassMs(models, shapes);
            lock (runs)
            {
                runs.Add(ms);
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static async Task SendPartAsync(
        Inspection.InspectionClient client, PartProgram program, List<(ViewDefinition View, byte[] Image)> views, string requestId, int seed, CancellationToken cancellationToken)
    {
        var header = new PartHeader
        {
            RequestId = requestId,
            PartNumber = program.PartNumber,
            PartSerial = $"SN-{seed:D6}",
            Traceability = new Traceability { Machine = "GP-BENCH", Die = "D1", Cavity = "1", ShotNumber = seed, Line = "L1", CapturedAt = Timestamp.FromDateTime(DateTime.UtcNow) },
        };
        var uploads = views.Select(v =>
        {
            var bytes = (byte[])v.Image.Clone();
            BinaryPrimitives.WriteInt32LittleEndian(bytes, seed);
            return new ViewUpload(v.View.Id, () => OpenBytes(bytes), ImageEncoding.Raw16, v.View.WidthPx, v.View.HeightPx);
        }).ToList();
#pragma warning disable IDISP004 // the verdict is a protobuf message, not a disposable
        _ = await SendCommand.UploadAsync(client, header, uploads, null, cancellationToken).ConfigureAwait(false);
#pragma warning restore IDISP004
    }

    private static Stream OpenBytes(byte[] bytes) => new MemoryStream(bytes, writable: false);

    private static byte[] SyntheticView(int width, int height, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[width * height * 2];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = 28000 + (9000 * x / width) + (4000 * y / height) + random.Next(-600, 600);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(((y * width) + x) * 2), (ushort)v);
            }
        }

        return bytes;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

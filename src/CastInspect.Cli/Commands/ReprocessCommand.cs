using System.CommandLine;
using System.Globalization;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Inference;
using CastInspect.Inference.Manifest;
using CastInspect.Pipeline;
using CastInspect.Server.Hosting;
using CastInspect.Server.Reprocessing;
using CastInspect.Storage;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Reprocessing;
using CastInspect.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CastInspect.Cli.Commands;

/// <summary>
/// Re-judges archived inspections with a new model manifest and/or part program, as a resumable run stored next to the
/// line's verdicts (never over them), and reports the verdict transitions; or, with <c>--input</c>, a folder of images
/// without a store. Exit codes: 0 done, 3 some parts could not be re-judged, 2 usage or configuration, 130 interrupted.
/// Extra <c>--Section:Key=value</c> arguments override appsettings.json (e.g. <c>--Inference:Device=cpu</c>).
/// </summary>
internal static class ReprocessCommand
{
    public const int ExitFailures = 3;
    public const int ExitInterrupted = 130;

    private static readonly string[] Dispositions = [ReprocessSelection.NoDisposition, "NOK_SCRAP", "NOK_REWORK", "RELEASED_OK"];

    public static Command Create()
    {
        var o = new ReprocessOptions();
        var command = new Command(
            "reprocess",
            "Re-run archived inspections with a new model or part program and report what changed (resumable with --run-id). "
            + "Directory mode: --part FILE --input DIR --out DIR. Exit 0 done, 3 some parts failed, 2 usage, 130 interrupted.");
        foreach (var option in o.All)
        {
            command.Options.Add(option);
        }

        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return parse.GetValue(o.Input) is not null
                    ? await FolderAsync(parse, o, cancellationToken).ConfigureAwait(false)
                    : await StoreAsync(parse, o, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is UsageException or PartProgramException or ModelManifestException or InferenceConfigurationException
                or DirectoryNotFoundException or ReprocessRunExistsException)
            {
                await Console.Error.WriteLineAsync($"castinspect reprocess: {e.Message}").ConfigureAwait(false);
                return CliErrors.Usage;
            }
        });
        return command;
    }

    private static async Task<int> StoreAsync(ParseResult parse, ReprocessOptions o, CancellationToken cancellationToken)
    {
        var store = new StoreOptions { DataDirectory = parse.GetValue(o.Data) ?? "data" };
        if (!File.Exists(store.DatabasePath))
        {
            throw new UsageException($"no store at {store.DatabasePath}: give --data DIR (the folder holding {store.DatabaseFileName} and images/)");
        }

        var connections = new SqliteConnectionFactory(store);
        await MigrationRunner.ApplyAsync(connections, cancellationToken).ConfigureAwait(false);
        var reprocessStore = new ReprocessStore(connections);
        var runId = parse.GetValue(o.RunId) ?? "r-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var existing = await reprocessStore.FindRunAsync(runId, cancellationToken).ConfigureAwait(false);
        var selection = Selection(parse, o);
        var programs = Programs(parse, o);
        if (existing is not null && (selection != new ReprocessSelection() || programs.Count > 0))
        {
            throw new UsageException(
                $"run '{runId}' exists ({existing.Status}, {existing.Total} parts): its selection and part programs were frozen when it was created; "
                + "resume it with only --run-id (and --data, --models, --parallel, --report, --retry-failed), or choose a new run id");
        }

        if (programs.Count == 1 && selection.PartNumber is null)
        {
            selection = selection with { PartNumber = programs.Keys.Single() };
        }
        else if (parse.GetValue(o.Part) is not null && selection.PartNumber is { } pn && !programs.ContainsKey(pn))
        {
            throw new UsageException($"--part-number {pn} does not match the part program's part number {programs.Keys.Single()}");
        }

        var modelsDirectory = Path.GetFullPath(parse.GetValue(o.Models) ?? existing?.Settings.ModelsDirectory ?? "models");
        var manifestPath = Path.Combine(modelsDirectory, ModelManifest.FileName);
        var manifestJson = File.Exists(manifestPath)
            ? await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false)
            : throw new UsageException($"no model manifest at {manifestPath}: give --models DIR (the folder holding manifest.json and the .onnx files)");
        if (existing?.ModelManifestJson is { } stored && stored != manifestJson)
        {
            throw new UsageException($"run '{runId}' was started with another model manifest than {manifestPath}: resume it with the same --models folder");
        }

        if (existing is not null && parse.GetValue(o.RetryFailed))
        {
            var cleared = await reprocessStore.ClearFailuresAsync(runId, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"castinspect reprocess: {cleared} failed parts of run {runId} will be tried again").ConfigureAwait(false);
        }

        var parallelism = parse.GetValue(o.Parallel);
        using var services = Services(parse, modelsDirectory, parallelism);
        var models = services.GetRequiredService<ModelCatalog>();
        var inspector = services.GetRequiredService<IPartInspector>();
        var runner = new ReprocessRunner(
            inspector, reprocessStore, new ArchivedImageReader(new ImageArchive(store)), services.GetRequiredService<ILogger<ReprocessRunner>>());
        var coordinator = new ReprocessCoordinator(reprocessStore, runner, models);
        var reportFolder = parse.GetValue(o.Report) ?? Path.Combine(store.DataDirectory, "reprocess", runId);
        await Console.Out.WriteLineAsync(existing is null
            ? $"castinspect reprocess: new run {runId} (models {modelsDirectory}, {Describe(programs)})"
            : $"castinspect reprocess: resuming run {runId} ({existing.Status}, {existing.Total} parts)").ConfigureAwait(false);
        var progress = new ConsoleProgress(Console.Out, !Console.IsOutputRedirected);
        var outcome = await coordinator.RunAsync(
            new NewReprocessRun(runId, selection, programs, modelsDirectory, manifestJson),
            reportFolder,
            new ReprocessRunnerOptions { Parallelism = parallelism, BaselineImages = parse.GetValue(o.BaselineImages) },
            progress,
            cancellationToken).ConfigureAwait(false);
        progress.Complete();
        await Console.Out.WriteAsync(ReprocessReportWriter.Summary(outcome.Report)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"Report: {Path.GetFullPath(reportFolder)} ({string.Join(", ", outcome.Files.Select(Path.GetFileName))})").ConfigureAwait(false);
        if (outcome.Session.Interrupted)
        {
            await Console.Out.WriteLineAsync($"Interrupted: resume with castinspect reprocess --run-id {runId}").ConfigureAwait(false);
            return ExitInterrupted;
        }

        return outcome.Report.Failed > 0 ? ExitFailures : 0;
    }

    private static async Task<int> FolderAsync(ParseResult parse, ReprocessOptions o, CancellationToken cancellationToken)
    {
        var partFile = parse.GetValue(o.Part) ?? throw new UsageException("--input needs --part FILE: the part program to judge the images with");
        var output = parse.GetValue(o.Out) ?? throw new UsageException("--input needs --out DIR: where the per-part verdict JSON files go");
        var program = PartProgramLoader.Load(partFile);
        var scan = ImageFolderScanner.Scan(parse.GetValue(o.Input)!, program);
        foreach (var problem in scan.Problems)
        {
            await Console.Error.WriteLineAsync($"castinspect reprocess: skipped {problem}").ConfigureAwait(false);
        }

        if (scan.Parts.Count == 0)
        {
            throw new UsageException($"no part images found in {Path.GetFullPath(parse.GetValue(o.Input)!)}");
        }

        var parallelism = parse.GetValue(o.Parallel);
        var modelsDirectory = Path.GetFullPath(parse.GetValue(o.Models) ?? "models");
        using var services = Services(parse, modelsDirectory, parallelism);
        _ = services.GetRequiredService<ModelCatalog>();
        var reprocessor = new DirectoryReprocessor(services.GetRequiredService<IPartInspector>());
        var progress = new ConsoleProgress(Console.Out, !Console.IsOutputRedirected);
        var summary = await reprocessor.RunAsync(program, scan, output, parallelism, progress, cancellationToken).ConfigureAwait(false);
        progress.Complete();
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Parts} parts ({summary.Images} images) in {summary.Elapsed.TotalSeconds:F1} s: {summary.Ok} OK, {summary.Review} REVIEW, {summary.Nok} NOK, {summary.Failed} not inspected; one JSON per part in {Path.GetFullPath(output)}")).ConfigureAwait(false);
        return summary.Failed > 0 || scan.Problems.Count > 0 ? ExitFailures : 0;
    }

    private static ServiceProvider Services(ParseResult parse, string modelsDirectory, int parallelism)
    {
        var defaults = new Dictionary<string, string?>
        {
            // Parallel parts, not parallel operators: one ONNX thread per part, and as many Runs in flight as parts,
            // unless configured otherwise.
            [$"{InferenceOptions.Section}:{nameof(InferenceOptions.IntraOpThreads)}"] = parallelism > 1 ? "1" : "0",
            [$"{InferenceOptions.Section}:{nameof(InferenceOptions.MaxConcurrentRuns)}"] = parallelism.ToString(CultureInfo.InvariantCulture),
        };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(defaults)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables(CastInspectHost.EnvironmentPrefix)
            .AddCommandLine([.. parse.UnmatchedTokens])
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{PipelineOptions.Section}:{nameof(PipelineOptions.ModelsDirectory)}"] = modelsDirectory })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b
            .AddConfiguration(configuration.GetSection("Logging"))
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("CastInspect", LogLevel.Warning)
            .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddCastInspectPipeline(configuration);
        return services.BuildServiceProvider();
    }

    private static ReprocessSelection Selection(ParseResult parse, ReprocessOptions o)
    {
        var disposition = parse.GetValue(o.Disposition);
        if (disposition is not null && !Dispositions.Contains(disposition, StringComparer.OrdinalIgnoreCase))
        {
            throw new UsageException($"--disposition '{disposition}' is not one of {string.Join(", ", Dispositions)}");
        }

        return new ReprocessSelection(
            Time(parse.GetValue(o.From), "--from"),
            Time(parse.GetValue(o.To), "--to"),
            parse.GetValue(o.PartNumber),
            parse.GetValue(o.Verdict) is { } v ? ParseVerdict(v) : null,
            disposition is null ? null : Dispositions.First(d => string.Equals(d, disposition, StringComparison.OrdinalIgnoreCase)),
            parse.GetValue(o.Ids) is { } ids ? Ids(ids) : null);
    }

    private static Dictionary<string, PartProgram> Programs(ParseResult parse, ReprocessOptions o)
    {
        var file = parse.GetValue(o.Part);
        var folder = parse.GetValue(o.Parts);
        if (file is not null && folder is not null)
        {
            throw new UsageException("give either --part FILE or --parts DIR, not both");
        }

        var programs = file is not null ? [PartProgramLoader.Load(file)]
            : folder is not null ? PartProgramCatalog.LoadFolder(folder).All
            : [];
        return programs.ToDictionary(p => p.PartNumber, StringComparer.Ordinal);
    }

    private static string Describe(Dictionary<string, PartProgram> programs) => programs.Count == 0
        ? "part program revisions as judged by the line"
        : "part programs " + string.Join(", ", programs.Values.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.PartNumber} rev {p.Revision}")));

    private static Core.Verdicts.Verdict ParseVerdict(string text) => text.ToUpperInvariant() switch
    {
        "OK" or "REVIEW" or "NOK" => VerdictText.Parse(text.ToUpperInvariant()),
        _ => throw new UsageException($"--verdict '{text}' is not one of OK, REVIEW, NOK"),
    };

    private static DateTimeOffset? Time(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new UsageException($"{option} '{text}' is not a time: use ISO-8601, e.g. 2026-11-22T06:00:00Z (UTC when no offset is given)");
    }

    private static List<long> Ids(string text) => text
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UsageException($"--ids: '{s}' is not an inspection id (comma-separated positive integers)"))
        .ToList();

    private sealed class UsageException(string message) : Exception(message);
}

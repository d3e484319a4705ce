using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Inference;
using CastInspect.Inference.Manifest;
using CastInspect.Pipeline;
using Microsoft.Extensions.Logging;

namespace CastInspect.Cli.Commands;

/// <summary><c>castinspect inspect --part FILE [--pixel-size MM] [VIEW=]IMAGE... [--json]</c>: the whole pipeline in-process.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var part = new Option<FileInfo>("--part") { Description = "Part program JSON (samples/parts/generic.json judges any image as one zone).", Required = true };
        var pixelSize = new Option<double?>("--pixel-size") { Description = "Pixel size at the part in mm, overriding the part program's for every view." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document: images in input order with every defect, zone and part verdicts." };
        var models = ModelsOption();
        var device = DeviceOption();
        var images = new Argument<string[]>("images") { Description = "VIEW=PATH per image, or a bare PATH when the part program has one view.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("inspect", "Inspect image files in-process against a part program and print the verdict.")
        {
            part, pixelSize, json, models, device, images,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var program = LoadProgram(parse.GetValue(part)!, parse.GetValue(pixelSize));
                var inputs = MapImages(program, parse.GetValue(images)!);
                using var loggers = StderrLoggers();
                using var catalog = LoadModels(parse.GetValue(models)!, parse.GetValue(device), loggers);
                using var inspector = new PartInspector(catalog, loggers.CreateLogger<PartInspector>());
                var result = await InspectInOrderAsync(inspector, program, inputs, ct).ConfigureAwait(false);
                Console.WriteLine(parse.GetValue(json) ? ToJson(result, inputs).ToJsonString(JsonOutput) : ToText(result, inputs));
                return 0;
            }
            catch (CliUsageException e)
            {
                Console.Error.WriteLine($"castinspect inspect: {e.Message}");
                return CliErrors.Usage;
            }
            catch (Exception e) when (e is InvalidImageException or ModelManifestException or InferenceConfigurationException or IOException)
            {
                Console.Error.WriteLine($"castinspect inspect: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    internal static JsonSerializerOptions JsonOutput { get; } = new() { WriteIndented = true };

    internal static Option<DirectoryInfo> ModelsOption() => new("--models")
    {
        Description = "Folder with manifest.json and the .onnx files.",
        DefaultValueFactory = _ => new DirectoryInfo("models"),
    };

    internal static Option<ExecutionDevice> DeviceOption() => new("--device")
    {
        Description = "auto (CUDA when available, else CPU), cpu or cuda.",
        DefaultValueFactory = _ => ExecutionDevice.Auto,
    };

    internal static ILoggerFactory StderrLoggers() => LoggerFactory.Create(b => b
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("CastInspect.Pipeline", LogLevel.Warning)
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    internal static ModelCatalog LoadModels(DirectoryInfo folder, ExecutionDevice device, ILoggerFactory loggers) =>
        ModelCatalog.Load(folder.FullName, new InferenceOptions { Device = device }, loggers.CreateLogger<ModelCatalog>());

    internal static PartProgram LoadProgram(FileInfo file, double? pixelSizeMm)
    {
        if (!file.Exists)
        {
            throw new CliUsageException($"part program '{file.FullName}' not found");
        }

        PartProgram program;
        try
        {
            program = PartProgramLoader.Load(file.FullName);
        }
        catch (PartProgramException e)
        {
            throw new CliUsageException(e.Message);
        }

        if (pixelSizeMm is { } mm)
        {
            if (mm <= 0)
            {
                throw new CliUsageException("--pixel-size must be > 0 mm");
            }

            foreach (var v in program.Views)
            {
                program = program.WithPixelSize(v.Id, mm);
            }
        }

        return program;
    }

    /// <summary>VIEW=PATH, or a bare PATH for one-view programs, in input order.</summary>
    internal static List<(string ViewId, string Path)> MapImages(PartProgram program, IEnumerable<string> args)
    {
        var result = new List<(string, string)>();
        foreach (var arg in args)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var (viewId, path) = eq > 0 && program.FindView(arg[..eq]) is not null
                ? (arg[..eq], arg[(eq + 1)..])
                : program.Views.Count == 1
                    ? (program.Views[0].Id, arg)
                    : throw new CliUsageException(
                        $"'{arg}': part program {program.PartNumber} has {program.Views.Count} views ({string.Join(", ", program.Views.Select(v => v.Id))}): give each image as VIEW=PATH");
            if (!File.Exists(path))
            {
                throw new CliUsageException($"image '{path}' not found");
            }

            result.Add((viewId, path));
        }

        return result;
    }

    /// <summary>
    /// Inspects the images as parts: consecutive images of distinct views form one part; an image of a view already in the
    /// current part starts the next (so several images against a one-view program are judged one by one). The result holds
    /// every view in input order, with the worst verdict and every reason.
    /// </summary>
    internal static async Task<PartInspection> InspectInOrderAsync(
        IPartInspector inspector, PartProgram program, List<(string ViewId, string Path)> inputs, CancellationToken ct)
    {
        var verdicts = new List<ViewVerdict>();
        var facts = new List<ViewInspection>();
        var reasons = new List<string>();
        var worst = Verdict.Ok;
        var total = 0.0;
        var start = 0;
        while (start < inputs.Count)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var batch = inputs.Skip(start).TakeWhile(i => seen.Add(i.ViewId)).ToList();
            var images = new List<ViewImage>();
            foreach (var (viewId, path) in batch)
            {
                images.Add(new ViewImage(viewId, await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false)));
            }

            var part = await inspector.InspectAsync(program, images, ct).ConfigureAwait(false);
            verdicts.AddRange(batch.Select(b => part.Verdict.Views.Single(v => v.ViewId == b.ViewId)));
            facts.AddRange(batch.Select(b => part.Views.Single(v => v.ViewId == b.ViewId)));
            reasons.AddRange(part.Verdict.Reasons);
            worst = (Verdict)Math.Max((int)worst, (int)part.Verdict.Verdict);
            total += part.TotalMs;
            start += batch.Count;
        }

        return new PartInspection(new PartVerdict(program.PartNumber, program.Revision, worst, verdicts, reasons), facts, total);
    }

    private static string Name(Verdict v) => v.ToString().ToUpperInvariant();

    private static string ToText(PartInspection result, List<(string ViewId, string Path)> inputs)
    {
        var sb = new System.Text.StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var v = result.Verdict;
        sb.AppendLine(inv, $"{v.PartNumber} rev {v.PartProgramRevision}: {Name(v.Verdict)} ({result.TotalMs:F0} ms)");
        foreach (var reason in v.Reasons)
        {
            sb.AppendLine(inv, $"  - {reason}");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var view = v.Views[i];
            var facts = result.Views[i];
            sb.AppendLine(inv, $"{inputs[i].Path} → view {view.ViewId}: {Name(view.Verdict)}, {facts.WidthPx}×{facts.HeightPx} px {facts.BitDepth}-bit, model {facts.ModelName} {facts.ModelVersion}");
            foreach (var d in view.Defects)
            {
                var m = d.Defect;
                sb.AppendLine(inv, $"    #{m.Index} {Core.Measurement.DefectClassKeys.Of(m.Class)} at ({m.CentroidPx.X:F0}, {m.CentroidPx.Y:F0}) px  Ø {m.EquivalentDiameterMm:F2} mm  length {m.LengthMm:F2} mm  conf {m.MeanConfidence:F2}  zones [{string.Join(", ", d.ZoneIds)}]{(d.Ignored ? "  ignored: " + d.IgnoredReason : string.Empty)}");
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static JsonObject ToJson(PartInspection result, List<(string ViewId, string Path)> inputs)
    {
        var v = result.Verdict;
        var images = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            images.Add(ImageJson(inputs[i].Path, v.Views[i], result.Views[i]));
        }

        return new JsonObject
        {
            ["part_number"] = v.PartNumber,
            ["part_program_revision"] = v.PartProgramRevision,
            ["verdict"] = v.Verdict.ToString().ToLowerInvariant(),
            ["reasons"] = new JsonArray([.. v.Reasons.Select(r => (JsonNode?)r)]),
            ["total_ms"] = Math.Round(result.TotalMs, 1),
            ["images"] = images,
        };
    }

    private static JsonObject ImageJson(string path, ViewVerdict view, ViewInspection facts) => new()
    {
        ["path"] = path,
        ["view"] = view.ViewId,
        ["width"] = facts.WidthPx,
        ["height"] = facts.HeightPx,
        ["bit_depth"] = facts.BitDepth,
        ["model"] = new JsonObject { ["name"] = facts.ModelName, ["version"] = facts.ModelVersion },
        ["verdict"] = view.Verdict.ToString().ToLowerInvariant(),
        ["reasons"] = new JsonArray([.. view.Reasons.Select(r => (JsonNode?)r)]),
        ["zones"] = new JsonArray([.. view.Zones.Select(z => (JsonNode?)new JsonObject
        {
            ["id"] = z.ZoneId,
            ["name"] = z.ZoneName,
            ["verdict"] = z.Verdict.ToString().ToLowerInvariant(),
            ["findings"] = new JsonArray([.. z.Findings.Select(f => (JsonNode?)new JsonObject
            {
                ["rule"] = f.Rule,
                ["outcome"] = f.Outcome.ToString().ToLowerInvariant(),
                ["measured"] = f.Measured,
                ["limit"] = f.Limit,
                ["unit"] = f.Unit,
                ["reason"] = f.Reason,
                ["defects"] = new JsonArray([.. f.DefectIndices.Select(x => (JsonNode?)x)]),
            })]),
        })]),
        ["defects"] = new JsonArray([.. view.Defects.Select(d => (JsonNode?)DefectJson(d))]),
        ["timings_ms"] = new JsonObject([.. facts.TimingsMs.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)Math.Round(t.Value, 2)))]),
    };

    private static JsonObject DefectJson(JudgedDefect d)
    {
        var m = d.Defect;
        return new JsonObject
        {
            ["index"] = m.Index,
            ["class"] = Core.Measurement.DefectClassKeys.Of(m.Class),
            ["bbox"] = new JsonArray(m.BoundingBox.X, m.BoundingBox.Y, m.BoundingBox.Width, m.BoundingBox.Height),
            ["centroid"] = new JsonArray(Math.Round(m.CentroidPx.X, 2), Math.Round(m.CentroidPx.Y, 2)),
            ["area_px"] = m.AreaPx,
            ["equivalent_diameter_mm"] = Math.Round(m.EquivalentDiameterMm, 4),
            ["length_mm"] = Math.Round(m.LengthMm, 4),
            ["width_mm"] = Math.Round(m.WidthMm, 4),
            ["confidence"] = Math.Round(m.MeanConfidence, 4),
            ["max_confidence"] = Math.Round(m.MaxConfidence, 4),
            ["second_look_score"] = m.SecondLookScore is { } score ? Math.Round(score, 4) : null,
            ["zones"] = new JsonArray([.. d.ZoneIds.Select(z => (JsonNode?)z)]),
            ["ignored"] = d.Ignored,
            ["ignored_reason"] = d.IgnoredReason,
        };
    }
}

/// <summary>Bad command-line input: printed and exit code 2.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

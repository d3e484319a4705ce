using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CastInspect.Inference;
using CastInspect.Inference.Manifest;
using CastInspect.Pipeline;
using CastInspect.Pipeline.Evaluation;
using Microsoft.Extensions.Logging;

namespace CastInspect.Cli.Commands;

/// <summary><c>castinspect eval --part FILE --data DIR [DIR ...] [--json]</c>: recall, precision, IoU, false calls and
/// missed NOK parts on a synth dataset, or on several pooled.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var part = new Option<FileInfo>("--part") { Description = "Part program the dataset was generated for.", Required = true };
        var data = new Option<DirectoryInfo[]>("--data")
        {
            Description = "Folder(s) written by castinspect synth (each holds dataset.json), pooled when several (e.g. --data val-106 val-112): one part program, each set its own seed.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N parts." };
        var models = InspectCommand.ModelsOption();
        var device = InspectCommand.DeviceOption();
        var command = new Command("eval", "Evaluate the models and rules on a synth dataset (recall, precision, false calls).")
        {
            part, data, json, limit, models, device,
        };
        command.SetAction((parse, ct) => CliErrors.DatasetVerbAsync("eval", async () =>
        {
            var program = InspectCommand.LoadProgram(parse.GetValue(part)!, null);
            using var loggers = InspectCommand.StderrLoggers();
            using var catalog = InspectCommand.LoadModels(parse.GetValue(models)!, parse.GetValue(device), loggers);
            using var inspector = new PartInspector(catalog, loggers.CreateLogger<PartInspector>());
            var progress = DatasetVerb.Progress("eval", 10, "parts");
            var report = await SynthEvaluator.EvaluateAsync(
                    inspector, program, [.. parse.GetValue(data)!.Select(d => d.FullName)], parse.GetValue(limit), progress, ct)
                .ConfigureAwait(false);
            var modelNames = catalog.Models.Select(m => $"{m.Name} {m.Version}");
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(report, DatasetVerb.ReportJson)
                : ToText(report, string.Join(", ", modelNames)));
            return 0;
        }));
        return command;
    }

    private static string Bands(IReadOnlyList<RecallBand> bands) => string.Join(", ", bands.Select(b => string.Create(
        CultureInfo.InvariantCulture,
        $"{b.FromMm}{(b.BelowMm is { } below ? $"–{below}" : "+")} mm {(b.Truth == 0 ? "–" : b.Recall.ToString("F2", CultureInfo.InvariantCulture))} ({b.Found}/{b.Truth})")));

    private static string DetectabilityBands(IReadOnlyList<DetectabilityBand> bands) => string.Join(", ", bands.Select(b => string.Create(
        CultureInfo.InvariantCulture,
        $"{b.From}{(b.Below is { } below ? $"–{below}" : "+")} {(b.Truth == 0 ? "–" : b.Recall.ToString("F2", CultureInfo.InvariantCulture))} ({b.Found}/{b.Truth})")));

    private static string ToText(EvalReport r, string models)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        var seeds = r.Seeds is { Count: > 1 } pooled ? $"seeds {string.Join(", ", pooled)}" : $"seed {r.Seed}";
        sb.AppendLine(inv, $"{r.PartNumber} {seeds}: {r.Parts} parts, {r.Views} views, models {models}, {r.MeanViewMs:F0} ms per view");
        foreach (var c in r.Classes)
        {
            sb.AppendLine(inv, $"  {c.Class,-9} recall {c.Recall:F3} ({c.Found}/{c.TruthDefects})  precision {c.PrecisionDetections:F3} ({c.DetectionsTrue}/{c.Detections} detections; {c.Precision:F3} of {c.Predicted} judged; {c.PrecisionAllComponents:F3} of all {c.PredictedAll} components)  pixel IoU {c.PixelIou:F3}");
        }

        sb.AppendLine(inv, $"  pore recall for Ø ≥ 0.5 mm: {r.PoreRecallHalfMmAndLarger:F3} of {r.PoresHalfMmAndLarger}; median pore-diameter error {r.MedianPoreDiameterErrorMm:F3} mm");
        sb.AppendLine(inv, $"  pore recall by diameter: {Bands(r.PoreRecallByDiameter)}");
        sb.AppendLine(inv, $"  cold-shut recall by length: {Bands(r.ColdShutRecallByLength)}");
        sb.AppendLine(inv, $"  false-call rate {r.FalseCallRate:P1} of {r.DefectFreeParts} defect-free parts; missed-NOK rate {r.MissedNokRate:P1} of {r.ExpectedNokParts} expected-NOK parts ({r.ExpectedNokSource})");
        foreach (var p in r.FalseCalls)
        {
            sb.AppendLine(inv, $"  false call: {p.Serial} judged {p.Verdict}: {string.Join("; ", p.Reasons)}");
        }

        foreach (var p in r.MissedNok)
        {
            sb.AppendLine(inv, $"  missed NOK: {p.Serial} judged OK; expected NOK for {(p.Reasons.Count == 0 ? "(no reason in the dataset)" : string.Join("; ", p.Reasons))}");
        }

        if (r.Visible is { } v)
        {
            sb.AppendLine(inv, $"  over the flaws at or above the Rose criterion (ideal-observer SNR ≥ {v.Criterion:0.#}):");
            sb.AppendLine(inv, $"    pore recall for Ø ≥ 0.5 mm {v.PoreRecallHalfMmAndLarger:F3} ({v.PoresHalfMmAndLargerFound}/{v.PoresHalfMmAndLarger}; {v.PoresHalfMmAndLargerBelowCriterion} below it); cold-shut recall {v.ColdShutRecall:F3} ({v.ColdShutsFound}/{v.ColdShuts}; {v.ColdShutsBelowCriterion} below it)");
            sb.AppendLine(inv, $"    pore (Ø ≥ 0.5 mm) recall by d′: {DetectabilityBands(v.PoreRecallByDetectability)}");
            sb.AppendLine(inv, $"    the ideal observer calling at the criterion finds {v.IdealObserverPoreRecallHalfMmAndLarger:F3} of all pores of Ø ≥ 0.5 mm: no model that calls noise as rarely finds more on this set");
            sb.AppendLine(inv, $"    cold-shut recall by d′: {DetectabilityBands(v.ColdShutRecallByDetectability)}");
            sb.AppendLine(inv, $"    missed-NOK rate {v.MissedNokRate:P1} ({v.MissedNok.Count} of {v.ExpectedNokParts} parts the visible flaws make NOK){(v.MissedNok.Count == 0 ? string.Empty : ": " + string.Join(", ", v.MissedNok.Select(p => p.Serial)))}");
        }
        else
        {
            sb.AppendLine("  (this dataset does not record each flaw's detectability: make it with synth generator 3 for the figures over visible flaws)");
        }

        return sb.ToString().TrimEnd();
    }
}

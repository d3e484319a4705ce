using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Inference;
using CastInspect.Inference.Manifest;
using CastInspect.Pipeline;
using CastInspect.Pipeline.Evaluation;
using Microsoft.Extensions.Logging;

namespace CastInspect.Cli.Commands;

/// <summary>
/// <c>castinspect tune --part FILE --data DIR --modality xray|surface [--write]</c>: picks the model's per-class
/// thresholds and noise floors on a validation synth set, measured as <c>eval</c> measures (docs/models.md).
/// </summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var part = new Option<FileInfo>("--part") { Description = "Part program the dataset was generated for (its zones decide what is judged).", Required = true };
        var data = new Option<DirectoryInfo[]>("--data")
        {
            Description = "Validation set(s) written by castinspect synth, pooled when several (e.g. --data val-106 val-112): never the held-out evaluation seed.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var modality = new Option<Modality>("--modality") { Description = "Which model to tune: the one for Xray or Surface views.", Required = true };
        var minPrecision = new Option<double>("--min-precision") { Description = "Precision an operating point must reach.", DefaultValueFactory = _ => TuneObjective.Default.MinPrecision };
        var maxFalseCallRate = new Option<double>("--max-false-call-rate")
        {
            Description = "Share of the set's defect-free parts a class's false detections may fail (NOK or REVIEW), each judged alone.",
            DefaultValueFactory = _ => TuneObjective.Default.MaxFalseCallRate,
        };
        var forParts = new Option<bool>("--for-parts")
        {
            Description = "Choose each class's point for the fewest missed NOK parts (each validation part judged whole, as eval judges it, the other class at its chosen point) within the precision, recall and false-call bounds; by default the highest recall.",
        };
        var precisionConfidence = new Option<double?>("--precision-confidence")
        {
            Description = "Require the lower bound of each point's precision at this confidence (Wilson interval over its detections, e.g. 0.95) to reach --min-precision, not the share measured.",
        };
        var write = new Option<bool>("--write") { Description = "Write the chosen thresholds and noise floors into the models folder's manifest.json." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N parts of each set." };
        var linkDistances = new Option<double[]>("--link-distances")
        {
            Description = "Also try linking cold-shut pieces within each of these distances in mm (e.g. --link-distances 1 2 3); none by default.",
            AllowMultipleArgumentsPerToken = true,
        };
        var models = InspectCommand.ModelsOption();
        var device = InspectCommand.DeviceOption();
        var command = new Command("tune", "Pick a model's per-class thresholds and noise floors on a validation synth set.")
        {
            part, data, modality, minPrecision, maxFalseCallRate, precisionConfidence, forParts, write, json, limit, linkDistances, models, device,
        };
        command.SetAction((parse, ct) => CliErrors.DatasetVerbAsync("tune", async () =>
        {
            var links = parse.GetValue(linkDistances) ?? [];
            if (links.Any(d => !(d > 0)))
            {
                throw new CliUsageException($"--link-distances {string.Join(' ', links)}: each distance must be above 0 mm");
            }

            if (parse.GetValue(maxFalseCallRate) is var rate and (< 0 or > 1 or double.NaN))
            {
                throw new CliUsageException($"--max-false-call-rate {rate.ToString(CultureInfo.InvariantCulture)}: give a share of the defect-free parts from 0 to 1 (0.02 is 2 %)");
            }

            if (parse.GetValue(precisionConfidence) is { } confidence && !(confidence is > 0.5 and < 1))
            {
                throw new CliUsageException($"--precision-confidence {confidence.ToString(CultureInfo.InvariantCulture)}: give a confidence between 0.5 and 1 (0.95 is 95 %)");
            }

            var program = InspectCommand.LoadProgram(parse.GetValue(part)!, null);
            var folder = parse.GetValue(models)!;
            using var loggers = InspectCommand.StderrLoggers();
            using var catalog = InspectCommand.LoadModels(folder, parse.GetValue(device), loggers);
            using var inspector = new PartInspector(catalog, loggers.CreateLogger<PartInspector>());
            var progress = DatasetVerb.Progress("tune", 25, "views");
            var objective = new TuneObjective(parse.GetValue(minPrecision), MaxFalseCallRate: parse.GetValue(maxFalseCallRate)) { ForParts = parse.GetValue(forParts), PrecisionConfidence = parse.GetValue(precisionConfidence) };
            var report = await ThresholdTuner.TuneAsync(
                inspector, program, [.. parse.GetValue(data)!.Select(d => d.FullName)], parse.GetValue(modality), objective, parse.GetValue(limit), progress, ct, links)
                .ConfigureAwait(false);
            if (parse.GetValue(write))
            {
                var (pores, seams) = (report.For(DefectClassKeys.Porosity).Chosen, report.For(DefectClassKeys.ColdShut).Chosen);
                OperatingPointWriter.Write(
                    folder.FullName,
                    report.Model,
                    new ClassThresholds(pores.Threshold, seams.Threshold),
                    new ClassMinAreas(pores.MinAreaPx, seams.MinAreaPx),
                    Record(report),
                    new ClassMeasuringLevels(report.For(DefectClassKeys.Porosity).MeasureAtPeakFraction),
                    new ClassGrowThresholds(pores.GrowThreshold, seams.GrowThreshold),
                    new ClassMinAspectRatios(pores.MinAspectRatio, seams.MinAspectRatio),
                    new ClassLinkDistances(pores.LinkDistanceMm, seams.LinkDistanceMm),
                    new ClassSecondLookScores(pores.MinSecondLookScore, seams.MinSecondLookScore));
            }

            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, DatasetVerb.ReportJson) : ToText(report));
            return 0;
        }));
        return command;
    }

    /// <summary>The manifest's record of how the operating points were chosen.</summary>
    private static JsonObject Record(TuneReport r)
    {
        var record = new JsonObject
        {
            ["command"] = "castinspect tune",
            ["data"] = new JsonObject
            {
                ["part_number"] = r.PartNumber, ["views"] = r.Views, ["generator_version"] = r.GeneratorVersion,
            },
            ["objective"] = Objective(r.Objective),
        };
        if (r.Seeds.Count == 1)
        {
            record["data"]!["seed"] = r.Seeds[0];
        }
        else
        {
            record["data"]!["seeds"] = new JsonArray([.. r.Seeds.Select(s => JsonValue.Create(s))]);
        }

        foreach (var c in r.Classes)
        {
            record[c.Class] = new JsonObject
            {
                ["recall"] = Math.Round(c.Chosen.Recall, 4),
                ["grow_threshold"] = c.Chosen.GrowThreshold is { } g ? Math.Round(g, 4) : null,
                ["min_aspect_ratio"] = c.Chosen.MinAspectRatio,
                ["link_distance_mm"] = c.Chosen.LinkDistanceMm,
                ["min_second_look_score"] = c.Chosen.MinSecondLookScore,
                ["precision"] = Round(c.Chosen.Precision),
                ["judged_precision"] = Round(c.Chosen.JudgedPrecision),
                ["false_calls"] = c.Chosen.FalseCalls,
                ["defect_free_parts"] = c.Chosen.DefectFreeParts,
                ["counted"] = c.Counted,
                ["meets_target"] = c.MeetsTarget,
            };
            if (c.Chosen.Parts is { } parts)
            {
                record[c.Class]!["missed_nok_parts"] = parts.MissedNok;
                record[c.Class]!["nok_parts"] = parts.NokParts;
                record[c.Class]!["part_false_calls"] = parts.FalseCalls;
            }

            if (c.Measuring.Count > 0 && !double.IsNaN(c.Measuring[0].MedianDiameterErrorMm))
            {
                record[c.Class]!["median_diameter_error_mm"] = Math.Round(c.Measuring[0].MedianDiameterErrorMm, 4);
            }
        }

        return record;
    }

    private static string Objective(TuneObjective o)
    {
        var precision = o.PrecisionConfidence is { } c ? string.Create(CultureInfo.InvariantCulture, $"precision (lower bound at {c} confidence)") : "precision";
        var bounds = string.Create(
            CultureInfo.InvariantCulture, $"{precision} >= {o.MinPrecision}, recall >= {o.MinRecall} and false calls <= {o.MaxFalseCallRate} of defect-free parts, else best F1");
        return o.ForParts
            ? $"fewest missed NOK parts (whole parts judged: cold shuts with pores at their highest recall, then pores with those cold shuts), then highest recall, with {bounds}"
            : $"highest recall with {bounds}";
    }

    private static string PartText(OperatingPoint p) =>
        p.Parts is { } parts ? $"; parts judged whole: missed NOK {parts.MissedNok} of {parts.NokParts}, false calls {parts.FalseCalls} of {parts.DefectFreeParts}" : "";

    private static double? Round(double? share) => share is { } s ? Math.Round(s, 4) : null;

    private static string Share(double? share) => share is { } s ? s.ToString("F3", CultureInfo.InvariantCulture) : "n/a";

    private static string Grown(OperatingPoint p) =>
        (p.GrowThreshold is { } g ? string.Create(CultureInfo.InvariantCulture, $" grown to {g}") : "")
        + (p.MinAspectRatio is { } r ? string.Create(CultureInfo.InvariantCulture, $" length ≥ {r} × width") : "")
        + (p.LinkDistanceMm is { } d ? string.Create(CultureInfo.InvariantCulture, $" linked within {d} mm") : "")
        + (p.MinSecondLookScore is { } s ? string.Create(CultureInfo.InvariantCulture, $" second look ≥ {s}") : "");

    private static string ToText(TuneReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(inv, $"{r.Model} on {r.PartNumber} {(r.Seeds.Count == 1 ? "seed" : "seeds")} {string.Join(", ", r.Seeds)}: {r.Views} views");
        foreach (var c in r.Classes)
        {
            var verdict = c.MeetsTarget ? "meets the target" : "no point meets the target; best F1";
            var measured = c.MeasureAtPeakFraction is { } share ? $", measured at {share} of its peak" : "";
            sb.AppendLine(inv, $"  {c.Class}: threshold {c.Chosen.Threshold}{Grown(c.Chosen)} min area {c.Chosen.MinAreaPx} px{measured} ({verdict}) of {c.Counted} counted defects");
            foreach (var p in c.Best)
            {
                sb.AppendLine(inv, $"    threshold {p.Threshold}{Grown(p)} min area {p.MinAreaPx} px: recall {p.Recall:F3} ({p.Found}) precision {Share(p.Precision)} of {p.Detections} detections, {Share(p.JudgedPrecision)} of {p.Judged} judged, false calls {p.FalseCalls} of {p.DefectFreeParts} defect-free parts{PartText(p)}");
            }

            foreach (var m in c.Measuring)
            {
                var level = m.Fraction is { } f ? $"at {f} of its peak" : "over every pixel found";
                sb.AppendLine(inv, $"    measured {level}: median diameter error {m.MedianDiameterErrorMm:F3} mm over {m.Measured} pores, recall {m.Point.Recall:F3} precision {Share(m.Point.Precision)}{PartText(m.Point)}");
            }
        }

        return sb.ToString().TrimEnd();
    }
}

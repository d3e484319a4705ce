using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CastInspect.Imaging.Synthesis;

namespace CastInspect.Cli.Commands;

internal static class SynthCommand
{
    public static Command Create()
    {
        var part = new Option<FileInfo>("--part") { Description = "Part program JSON (its <name>.geometry.json beside it gives the wall structure).", Required = true };
        var count = new Option<int>("--count") { Description = "Number of parts; one image per selected view each.", DefaultValueFactory = _ => 10 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed gives identical files.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (created).", Required = true };
        var rate = new Option<double>("--defect-rate") { Description = "Fraction of parts with defects, 0–1.", DefaultValueFactory = _ => 0.5 };
        var modality = new Option<string>("--modality") { Description = "xray, surface or both.", DefaultValueFactory = _ => "both" };
        modality.AcceptOnlyFromAmong("xray", "surface", "both");
        var command = new Command("synth", "Generate synthetic X-ray and surface images with ground truth for a part program.")
        {
            part, count, seed, output, rate, modality,
        };
        command.SetAction(parse =>
        {
            var partFile = parse.GetValue(part)!;
            var n = parse.GetValue(count);
            var p = parse.GetValue(rate);
            if (!partFile.Exists)
            {
                Console.Error.WriteLine($"castinspect synth: part program '{partFile.FullName}' not found");
                return CliErrors.Usage;
            }

            if (n < 1 || p is < 0 or > 1)
            {
                Console.Error.WriteLine("castinspect synth: --count must be ≥ 1 and --defect-rate within 0–1");
                return CliErrors.Usage;
            }

            try
            {
                var (program, geometry) = SyntheticDataset.LoadPart(partFile.FullName);
                var options = new SynthOptions
                {
                    Count = n,
                    Seed = parse.GetValue(seed),
                    DefectRate = p,
                    Modality = Enum.Parse<SynthModality>(parse.GetValue(modality)!, ignoreCase: true),
                };
                var watch = Stopwatch.StartNew();
                var dataset = new SyntheticDataset(program, geometry, options).Write(parse.GetValue(output)!.FullName);
                var images = dataset.Parts.Sum(x => x.Views.Count);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{images} images of {dataset.Parts.Count} parts ({dataset.Parts.Count(x => x.Defective)} with defects) written to {parse.GetValue(output)!.FullName} in {watch.Elapsed.TotalSeconds:F1} s"));
                return 0;
            }
            catch (Exception e) when (e is CastInspect.Core.Parts.PartProgramException or InvalidDataException or System.Text.Json.JsonException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"castinspect synth: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}

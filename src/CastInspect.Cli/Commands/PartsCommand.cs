using System.CommandLine;
using CastInspect.Core.Parts;
using CastInspect.Inference.Manifest;
using CastInspect.Pipeline;

namespace CastInspect.Cli.Commands;

internal static class PartsCommand
{
    /// <summary>Exit code when a part program file has problems.</summary>
    public const int Invalid = 1;

    public static Command Create()
    {
        var command = new Command("parts", "Work with part programs.");
        command.Subcommands.Add(CreateValidate());
        return command;
    }

    private static Command CreateValidate()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Part program JSON files (see docs/part-programs.md).",
            Arity = ArgumentArity.OneOrMore,
        };
        var validate = new Command(
            "validate",
            $"Validate part program files: prints a summary of each valid file; lists every problem as 'file: field: why' and exits {Invalid} when any file is invalid. Sidecars (X.geometry.json beside X.json) are skipped.");
        var models = new Option<DirectoryInfo?>("--models")
        {
            Description = "Also check each zone against the models in this folder (manifest.json): warn where a zone judges pores smaller than its view's model reports.",
        };
        validate.Arguments.Add(files);
        validate.Options.Add(models);
        validate.SetAction(parse => Validate(parse.GetValue(files) ?? [], Console.Out, Console.Error, parse.GetValue(models)));
        return validate;
    }

    internal static int Validate(IReadOnlyList<string> files, TextWriter output, TextWriter errors, DirectoryInfo? models = null)
    {
        IReadOnlyList<ModelEntry>? entries = null;
        if (models is not null)
        {
            try
            {
                entries = ModelManifest.Load(Path.Combine(models.FullName, ModelManifest.FileName)).Models;
            }
            catch (ModelManifestException e)
            {
                errors.WriteLine($"--models {models}: {e.Message}");
                return Invalid;
            }
        }

        var invalid = 0;
        foreach (var file in files)
        {
            if (PartProgramCatalog.IsSidecar(file))
            {
                output.WriteLine($"{file}: skipped: it belongs to the part program beside it, it is not one");
                continue;
            }

            var result = PartProgramLoader.LoadFile(file);
            if (result.IsValid)
            {
                output.WriteLine(Summary(file, result.Program!));
                foreach (var gap in entries is null ? [] : ResolutionCheck.Find([result.Program!], entries))
                {
                    output.WriteLine($"  warning: {gap.Describe()}");
                }

                continue;
            }

            invalid++;
            foreach (var problem in result.Problems)
            {
                errors.WriteLine(problem.ToString());
            }
        }

        if (invalid > 0)
        {
            errors.WriteLine($"{invalid} of {files.Count} part program file(s) invalid");
            return Invalid;
        }

        return 0;
    }

    private static string Summary(string file, PartProgram program)
    {
        var zones = program.Views.Sum(v => v.Zones.Count);
        var lines = program.Views.Select(v => FormattableString.Invariant(
            $"  view {v.Id}{(v.Name is null ? string.Empty : $" \"{v.Name}\"")}: {v.Modality.ToString().ToLowerInvariant()}, {(v.AnySize ? "any size" : $"{v.WidthPx}×{v.HeightPx} px")}, {v.PixelSizeMm} mm/px, zones {string.Join(", ", v.Zones.Select(z => z.Id))}"));
        return $"{file}: OK: part {program.PartNumber} \"{program.Name}\" revision {program.Revision}, "
            + $"{Plural(program.Views.Count, "view")}, {Plural(zones, "zone")}"
            + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }

    private static string Plural(int n, string noun) => FormattableString.Invariant($"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}

using CastInspect.Core.Inspection;

namespace CastInspect.Core.Parts;

/// <summary>
/// The part programs in a folder (<c>*.json</c>, not recursive, except the <c>*.geometry.json</c> wall-structure
/// descriptions that synthetic data reads beside a part program), by part number. Loading fails as a whole when any file
/// is invalid or two files claim the same part number, listing every problem with its file.
/// </summary>
public sealed class PartProgramCatalog : IPartProgramCatalog
{
    private readonly Dictionary<string, PartProgram> byPartNumber;

    public PartProgramCatalog(IEnumerable<PartProgram> programs)
    {
        ArgumentNullException.ThrowIfNull(programs);
        All = [.. programs.OrderBy(p => p.PartNumber, StringComparer.Ordinal)];
        byPartNumber = new Dictionary<string, PartProgram>(StringComparer.Ordinal);
        foreach (var p in All)
        {
            if (!byPartNumber.TryAdd(p.PartNumber, p))
            {
                throw new PartProgramException([DuplicateProblem(p, byPartNumber[p.PartNumber])]);
            }
        }
    }

    /// <summary>Files with this suffix describe a part's wall structure for synthetic data; they are not part programs.</summary>
    public const string GeometrySuffix = ".geometry.json";

    public IReadOnlyList<PartProgram> All { get; }

    public PartProgram? Find(string partNumber) =>
        byPartNumber.TryGetValue(partNumber, out var p) ? p : null;

    /// <exception cref="PartProgramException">A file is invalid, or two files have the same part number.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static PartProgramCatalog LoadFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"part program folder not found: {Path.GetFullPath(folder)}");
        }

        var problems = new List<PartProgramProblem>();
        var programs = new Dictionary<string, PartProgram>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json")
            .Where(f => !f.EndsWith(GeometrySuffix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal))
        {
            var result = PartProgramLoader.LoadFile(file);
            problems.AddRange(result.Problems);
            if (result.Program is { } program)
            {
                if (programs.TryGetValue(program.PartNumber, out var earlier))
                {
                    problems.Add(DuplicateProblem(program, earlier));
                }
                else
                {
                    programs[program.PartNumber] = program;
                }
            }
        }

        return problems.Count > 0 ? throw new PartProgramException(problems) : new PartProgramCatalog(programs.Values);
    }

    private static PartProgramProblem DuplicateProblem(PartProgram program, PartProgram earlier) =>
        new(program.SourcePath ?? "<part program>", "part_number",
            $"part number '{program.PartNumber}' is already defined in {earlier.SourcePath ?? "another part program"}");
}

using CastInspect.Core.Inspection;

namespace CastInspect.Core.Parts;

/// <summary>
/// The part programs in a folder (<c>*.json</c>, not recursive), by part number. Sidecar files that belong to a part
/// program (<c>X.geometry.json</c> beside <c>X.json</c>: any <c>X.kind.json</c> whose <c>X.json</c> exists) are not part programs
/// and are skipped. Loading fails as a whole when any file is invalid or two files claim the same part number, listing
/// every problem with its file.
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
        foreach (var file in PartProgramFiles(folder))
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

    /// <summary>The part program files of a folder, in name order, without sidecar files.</summary>
    public static IReadOnlyList<string> PartProgramFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Where(f => !IsSidecar(f))];

    /// <summary>True for <c>X.kind.json</c> when <c>X.json</c> is beside it: a file that belongs to a part program, not one.</summary>
    public static bool IsSidecar(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stem = Path.GetFileNameWithoutExtension(path);
        var dot = stem.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            && File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, stem[..dot] + ".json"));
    }

    private static PartProgramProblem DuplicateProblem(PartProgram program, PartProgram earlier) =>
        new(program.SourcePath ?? "<part program>", "part_number",
            $"part number '{program.PartNumber}' is already defined in {earlier.SourcePath ?? "another part program"}");
}

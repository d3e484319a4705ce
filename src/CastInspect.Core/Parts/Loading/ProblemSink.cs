namespace CastInspect.Core.Parts.Loading;

/// <summary>Collects problems for one file.</summary>
internal sealed class ProblemSink(string file)
{
    private readonly List<PartProgramProblem> problems = [];

    public string File { get; } = file;

    public IReadOnlyList<PartProgramProblem> Problems => problems;

    public void Add(string field, string message) => problems.Add(new PartProgramProblem(File, field, message));

    /// <summary>Adds problems found later, skipping those about a field (or a field below it) that already has one.</summary>
    public void AddUnlessCovered(IEnumerable<PartProgramProblem> later)
    {
        var covered = problems.Select(p => p.Field).ToList();
        foreach (var p in later)
        {
            if (!covered.Any(c => IsAtOrBelow(p.Field, c)))
            {
                problems.Add(p);
            }
        }
    }

    private static bool IsAtOrBelow(string field, string ancestor) =>
        field == ancestor
        || (field.StartsWith(ancestor, StringComparison.Ordinal) && ancestor.Length > 0
            && (field[ancestor.Length] == '.' || field[ancestor.Length] == '['));
}

namespace CastInspect.Core.Parts;

/// <summary>A part program that cannot be used; <see cref="Problems"/> lists every problem found, each naming file and field.</summary>
public sealed class PartProgramException : Exception
{
    public PartProgramException(IReadOnlyList<PartProgramProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public PartProgramException()
    {
        Problems = [];
    }

    public PartProgramException(string message)
        : base(message)
    {
        Problems = [];
    }

    public PartProgramException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<PartProgramProblem> Problems { get; }

    private static string Describe(IReadOnlyList<PartProgramProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"invalid part program ({problems.Count} {noun}):" + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }
}

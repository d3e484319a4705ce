namespace CastInspect.Core.Parts;

/// <summary>
/// The outcome of loading a part program: the program when it is valid, otherwise every problem found.
/// </summary>
public sealed record PartProgramLoadResult(PartProgram? Program, IReadOnlyList<PartProgramProblem> Problems)
{
    public bool IsValid => Program is not null && Problems.Count == 0;

    /// <summary>The valid program, or a <see cref="PartProgramException"/> listing every problem.</summary>
    public PartProgram GetProgramOrThrow() =>
        IsValid ? Program! : throw new PartProgramException(Problems);
}

namespace CastInspect.Core.Parts;

/// <summary>One thing wrong with a part program: the file, the field (e.g. <c>views[1].zones[0].polygon_mm</c>) and why.</summary>
public sealed record PartProgramProblem(string File, string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? $"{File}: {Message}" : $"{File}: {Field}: {Message}";
}

namespace CastInspect.Core.Parts;

/// <summary>
/// What a quality engineer edits for one part number: its views, their zones and each zone's acceptance rules.
/// </summary>
/// <param name="PartNumber">The part number the line reports (e.g. "UB-R-1000").</param>
/// <param name="Name">Human name of the casting.</param>
/// <param name="Revision">Revision of this part program; every verdict records the revision it was judged with.</param>
/// <param name="Views">The X-ray and surface views captured of each part.</param>
/// <param name="SourcePath">File the program was loaded from, when it came from a file; used in messages.</param>
public sealed record PartProgram(
    string PartNumber,
    string Name,
    int Revision,
    IReadOnlyList<ViewDefinition> Views,
    string? SourcePath = null)
{
    public ViewDefinition? FindView(string viewId) =>
        Views.FirstOrDefault(v => string.Equals(v.Id, viewId, StringComparison.Ordinal));
}

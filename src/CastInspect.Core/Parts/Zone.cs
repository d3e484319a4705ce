using CastInspect.Core.Geometry;

namespace CastInspect.Core.Parts;

/// <summary>A region of a view with its own acceptance rules; a defect that straddles zones is judged in each.</summary>
/// <param name="Id">Short id engineers use on drawings (e.g. "RR-2").</param>
/// <param name="Name">Descriptive name (e.g. "rear rail node").</param>
/// <param name="PolygonMm">Outline in mm in the view frame, simple (not self-intersecting), at least 3 points.</param>
/// <param name="Criticality">Structural zones reject any cold shut.</param>
/// <param name="Porosity">Porosity rules; null means pores are not judged in this zone.</param>
/// <param name="ColdShut">Cold-shut rules; null means cold shuts are forbidden (the safe default).</param>
/// <param name="Review">When a result is close enough to a limit, or uncertain enough, that a person decides.</param>
/// <param name="WholeImage">
/// The zone is the whole image, whatever its size (any-size views): every defect lies in it, and its outline for
/// edge distance and reference-area placement is the actual image extent (<see cref="Verdicts.ViewObservation.ImageExtentMm"/>).
/// <see cref="PolygonMm"/> then holds the nominal view rectangle, for display only.
/// </param>
public sealed record Zone(
    string Id,
    string Name,
    IReadOnlyList<PointMm> PolygonMm,
    Criticality Criticality,
    PorosityRules? Porosity,
    ColdShutRules? ColdShut,
    ReviewBand Review,
    bool WholeImage = false);

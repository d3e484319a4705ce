namespace CastInspect.Core.Parts;

/// <summary>
/// How much a zone matters to the part's function. Structural zones (nodes, rails, crash paths) reject any cold shut;
/// sealing and machined faces care about pores near the edge; cosmetic zones are lenient.
/// </summary>
public enum Criticality
{
    Cosmetic,
    Functional,
    Sealing,
    Structural,
}

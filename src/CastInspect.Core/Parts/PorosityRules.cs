namespace CastInspect.Core.Parts;

/// <summary>
/// Porosity acceptance in the spirit of VDG/BDG P 202 (count and area % per reference area) and ASTM E505 gradings.
/// Null limits are not checked.
/// </summary>
/// <param name="DetectionFloorMm">Pores with an equivalent diameter below this are listed but ignored by the rules.</param>
/// <param name="MaxPoreDiameterMm">Largest single pore (equivalent diameter) allowed.</param>
/// <param name="ReferenceArea">Area placed anywhere in the zone for count and area-% limits.</param>
/// <param name="MaxPoreCount">Most pores allowed inside any placement of the reference area.</param>
/// <param name="MaxAreaPercent">Most pore area, % of the reference area, inside any placement of it.</param>
/// <param name="MinSpacingMm">Pores closer than this form a cluster, judged by its envelope against the diameter limit.</param>
/// <param name="MinEdgeDistanceMm">Pores closer than this to the zone edge are rejected (sealing faces, machined surfaces).</param>
public sealed record PorosityRules(
    double DetectionFloorMm,
    double? MaxPoreDiameterMm = null,
    ReferenceArea? ReferenceArea = null,
    int? MaxPoreCount = null,
    double? MaxAreaPercent = null,
    double? MinSpacingMm = null,
    double? MinEdgeDistanceMm = null);

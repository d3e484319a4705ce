namespace CastInspect.Core.Verdicts;

/// <summary>The <see cref="RuleFinding.Rule"/> keys, as the rules are named in the part program.</summary>
public static class RuleKeys
{
    public const string MaxPoreDiameter = "max_pore_diameter_mm";
    public const string MaxPoreCount = "max_pore_count";
    public const string MaxAreaPercent = "max_area_percent";
    public const string MinSpacing = "min_spacing_mm";
    public const string MinEdgeDistance = "min_edge_distance_mm";
    public const string ColdShutAllowed = "cold_shut.allowed";
    public const string ColdShutMaxLength = "cold_shut.max_length_mm";
    public const string MinPorosityConfidence = "review.min_porosity_confidence";
    public const string MinColdShutConfidence = "review.min_cold_shut_confidence";
}

namespace CastInspect.Core.Parts;

/// <summary>Cold-shut acceptance. In a structural zone any cold shut is NOK, whatever these say.</summary>
/// <param name="Allowed">False: any cold shut is NOK.</param>
/// <param name="MaxLengthMm">When allowed, the longest cold shut (max Feret length) accepted.</param>
public sealed record ColdShutRules(bool Allowed, double? MaxLengthMm = null);

namespace CastInspect.Core.Verdicts;

/// <summary>The sentence on a zone, view or part. Ordered so that the worst wins: Ok &lt; Review &lt; Nok.</summary>
public enum Verdict
{
    Ok = 0,
    Review = 1,
    Nok = 2,
}

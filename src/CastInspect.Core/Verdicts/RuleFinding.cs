namespace CastInspect.Core.Verdicts;

/// <summary>One rule that a zone failed or came close to failing, with the measured value against its limit.</summary>
/// <param name="Rule">Rule key as in the part program, e.g. "max_pore_diameter_mm".</param>
/// <param name="Outcome">Nok when over the limit, Review when within the review band or uncertain.</param>
/// <param name="Measured">The measured value.</param>
/// <param name="Limit">The limit from the part program.</param>
/// <param name="Unit">"mm", "%", "count"…</param>
/// <param name="Reason">The sentence an engineer reads, e.g. <c>zone RR-2 "rear rail node": pore Ø 1.8 mm &gt; 1.2 mm</c>.</param>
/// <param name="DefectIndices">Indices of the defects (in the view's list) behind this finding.</param>
public sealed record RuleFinding(
    string Rule,
    Verdict Outcome,
    double Measured,
    double Limit,
    string Unit,
    string Reason,
    IReadOnlyList<int> DefectIndices);

namespace CastInspect.Pipeline.Evaluation;

/// <summary>Defect-level and pixel-level figures of one class.</summary>
/// <param name="TruthDefects">Ground-truth defects of the class.</param>
/// <param name="Found">Ground-truth defects overlapped by a predicted component of the class.</param>
/// <param name="Predicted">Predicted components the rules did not ignore.</param>
/// <param name="PredictedTrue">Of those, how many overlap ground truth of the class.</param>
/// <param name="PredictedAll">All predicted components, including those below the detection floor.</param>
/// <param name="PredictedAllTrue">Of those, how many overlap ground truth.</param>
/// <param name="PixelIou">Intersection over union of the class pixels over all views.</param>
/// <param name="Detections">Predicted components at or above the model's noise floor, judged or not: what a reviewer is
/// shown as detections, also outside every zone or below a zone's detection floor.</param>
/// <param name="DetectionsTrue">Of those, how many overlap ground truth.</param>
public sealed record ClassFigures(
    string Class, int TruthDefects, int Found, int Predicted, int PredictedTrue, int PredictedAll, int PredictedAllTrue, double PixelIou,
    int Detections, int DetectionsTrue)
{
    public double PrecisionDetections => Detections == 0 ? double.NaN : DetectionsTrue / (double)Detections;

    public double Recall => TruthDefects == 0 ? double.NaN : Found / (double)TruthDefects;

    public double Precision => Predicted == 0 ? double.NaN : PredictedTrue / (double)Predicted;

    public double PrecisionAllComponents => PredictedAll == 0 ? double.NaN : PredictedAllTrue / (double)PredictedAll;
}

/// <summary>What <c>castinspect eval</c> reports for one synth dataset.</summary>
/// <param name="PoreRecallHalfMmAndLarger">Recall of ground-truth pores with equivalent diameter ≥ 0.5 mm.</param>
/// <param name="MedianPoreDiameterErrorMm">Median |predicted − true| equivalent diameter of found pores.</param>
/// <param name="FalseCallRate">Defect-free parts judged NOK or REVIEW, fraction of defect-free parts.</param>
/// <param name="MissedNokRate">Parts expected NOK judged OK, fraction of expected-NOK parts.</param>
/// <param name="ExpectedNokSource">Where "expected NOK" came from: the dataset's expected verdicts, or "defective" when it has none.</param>
/// <param name="FalseCalls">The defect-free parts judged NOK or REVIEW, with the judge's reasons.</param>
/// <param name="MissedNok">The expected-NOK parts judged OK, with the reasons the dataset expected them NOK for.</param>
/// <param name="PoreRecallByDiameter">Pore recall per band of true equivalent diameter, mm: where the misses are.</param>
/// <param name="ColdShutRecallByLength">Cold-shut recall per band of true length, mm.</param>
/// <param name="Visible">The same recall and missed-NOK figures over the flaws at or above the Rose criterion only; null
/// for datasets that do not record detectability (synth generator 2 and before).</param>
/// <param name="GeneratorVersion">The synth generator of the set (its dataset.json); null when the set does not say.</param>
/// <param name="Seeds">The seed of each set pooled, in the order given; <paramref name="Seed"/> is the first.</param>
public sealed record EvalReport(
    string PartNumber,
    ulong Seed,
    int Parts,
    int Views,
    IReadOnlyList<ClassFigures> Classes,
    int PoresHalfMmAndLarger,
    double PoreRecallHalfMmAndLarger,
    double MedianPoreDiameterErrorMm,
    int DefectFreeParts,
    double FalseCallRate,
    int ExpectedNokParts,
    double MissedNokRate,
    string ExpectedNokSource,
    double MeanViewMs,
    IReadOnlyList<PartOutcome> FalseCalls,
    IReadOnlyList<PartOutcome> MissedNok,
    IReadOnlyList<RecallBand> PoreRecallByDiameter,
    IReadOnlyList<RecallBand> ColdShutRecallByLength,
    VisibleFigures? Visible = null,
    int? GeneratorVersion = null,
    IReadOnlyList<ulong>? Seeds = null);

/// <summary>
/// Figures over the ground-truth flaws a perfect detector could be held to: those whose ideal-observer signal-to-noise
/// ratio in their image reaches <paramref name="Criterion"/> (the Rose criterion). The generator draws some flaws below it
/// (deep pores in thick walls, fine seams in bosses): no model finds those reliably, and the figures over all flaws
/// count them as misses. Expected NOK here is the verdict the visible flaws alone give.
/// </summary>
/// <param name="IdealObserverLargePoresFound">How many of all the pores of Ø ≥ 0.5 mm (those below the criterion too) the
/// ideal observer is expected to find when it calls at the criterion: Σ Φ(d′ − criterion)
/// (<see cref="CastInspect.Imaging.Synthesis.Detectability.DetectionProbability"/>). It knows the flaw exactly (and an X-ray view's walls), so
/// its recall bounds every model's on the set; seams are not bounded so, as their d′ counts one 2 mm stretch.</param>
public sealed record VisibleFigures(
    double Criterion,
    int PoresHalfMmAndLarger,
    int PoresHalfMmAndLargerFound,
    int PoresHalfMmAndLargerBelowCriterion,
    int ColdShuts,
    int ColdShutsFound,
    int ColdShutsBelowCriterion,
    int ExpectedNokParts,
    IReadOnlyList<PartOutcome> MissedNok,
    IReadOnlyList<DetectabilityBand> PoreRecallByDetectability,
    IReadOnlyList<DetectabilityBand> ColdShutRecallByDetectability,
    double IdealObserverLargePoresFound)
{
    public double IdealObserverPoreRecallHalfMmAndLarger => PoresHalfMmAndLarger + PoresHalfMmAndLargerBelowCriterion == 0
        ? double.NaN
        : IdealObserverLargePoresFound / (PoresHalfMmAndLarger + PoresHalfMmAndLargerBelowCriterion);

    public double PoreRecallHalfMmAndLarger => PoresHalfMmAndLarger == 0 ? double.NaN : PoresHalfMmAndLargerFound / (double)PoresHalfMmAndLarger;

    public double ColdShutRecall => ColdShuts == 0 ? double.NaN : ColdShutsFound / (double)ColdShuts;

    public double MissedNokRate => ExpectedNokParts == 0 ? double.NaN : MissedNok.Count / (double)ExpectedNokParts;
}

/// <summary>Recall over the ground-truth flaws (pores: Ø ≥ 0.5 mm) whose detectability d′ lies in [<paramref name="From"/>,
/// <paramref name="Below"/>) (null = no upper end): the share found as the image holds more of them, a probability-of-detection curve.</summary>
public sealed record DetectabilityBand(double From, double? Below, int Truth, int Found)
{
    public double Recall => Truth == 0 ? double.NaN : Found / (double)Truth;
}

/// <summary>Recall over the ground-truth defects of one size band, [<paramref name="FromMm"/>, <paramref name="BelowMm"/>)
/// (null = no upper end).</summary>
public sealed record RecallBand(double FromMm, double? BelowMm, int Truth, int Found)
{
    public double Recall => Truth == 0 ? double.NaN : Found / (double)Truth;
}

/// <summary>One part the rates count against the model, so a person can open its images: serial, verdict, reasons.</summary>
public sealed record PartOutcome(string Serial, string Verdict, IReadOnlyList<string> Reasons)
{
    internal static string Text(Core.Verdicts.Verdict verdict) => verdict.ToString().ToUpperInvariant();
}

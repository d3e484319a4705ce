using CastInspect.Core.Measurement;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>
/// How an operating point is ranked. The default is the acceptance target's: the highest recall whose precision reaches
/// <see cref="MinPrecision"/>, as long as that recall is at least <see cref="MinRecall"/> (an operating point that misses
/// most defects is not worth its precision) and the class's false components fail no more than
/// <see cref="MaxFalseCallRate"/> of the set's defect-free parts (precision counts detections, and a few false ones on
/// defect-free parts stop the line where many on flawed parts do not); where no point does all three, the best F1 (a
/// false cold shut fails a part as surely as a true one, so F2 is not the fallback).
/// With <see cref="ForParts"/>, a point that carries part counts (<see cref="OperatingPoint.Parts"/>) is ranked as the
/// plant counts: the fewest missed NOK parts, then the highest recall, within the same precision and recall bounds and
/// with the whole parts' false calls (pores and cold shuts together) in the false-call bound.
/// </summary>
public sealed record TuneObjective(double MinPrecision = 0.9, double MinRecall = 0.5, double MaxFalseCallRate = 0.02)
{
    public static TuneObjective Default { get; } = new();

    /// <summary>Choose each class's point for the fewest missed NOK parts, the other class held at its chosen point
    /// (<c>ThresholdTuner</c>: pores at their highest recall, cold shuts for parts, pores for parts, cold shuts again
    /// where the pores moved); false by default (the highest recall).</summary>
    public bool ForParts { get; init; }

    /// <summary>When set (e.g. 0.95), the precision a point must reach is the lower bound of its Wilson interval at this
    /// confidence over the point's detections, not the share measured: the objective pushes every class to its bound,
    /// and a precision of 0.91 over 460 validation detections may be 0.88 on the next parts. Null = the share measured.</summary>
    public double? PrecisionConfidence { get; init; }

    public bool Meets(OperatingPoint p) =>
        PrecisionForBound(p) is { } precision && precision >= MinPrecision && p.Recall >= MinRecall && (FalseCallRate(p) is not { } rate || rate <= MaxFalseCallRate);

    private double? PrecisionForBound(OperatingPoint p) =>
        PrecisionConfidence is { } confidence && p.Precision is { } precision
            ? Wilson.LowerBound((int)Math.Round(precision * p.Detections), p.Detections, confidence)
            : p.Precision;

    public double Score(OperatingPoint p) =>
        !Meets(p) ? F1(p)
        : ForParts && p.Parts is { NokParts: > 0 } parts ? 2 + (1 - parts.MissedNokRate!.Value) + (1e-6 * (p.Recall + (1e-3 * p.Precision!.Value)))
        : 2 + p.Recall + (1e-3 * p.Precision!.Value);

    private double? FalseCallRate(OperatingPoint p) => ForParts && p.Parts is { } parts ? parts.FalseCallRate : p.FalseCallRate;

    private static double F1(OperatingPoint p) => p.Precision is not { } precision || p.Recall + precision == 0 ? 0 : 2 * p.Recall * precision / (p.Recall + precision);
}

/// <summary>The validation parts judged whole at one point of a class, the other class held at its chosen point, as
/// <c>eval</c> judges them on the views of the tuned modality: the NOK parts passed and the defect-free parts failed
/// (NOK or REVIEW).</summary>
public sealed record PartCounts(int MissedNok, int NokParts, int FalseCalls, int DefectFreeParts)
{
    public double? MissedNokRate => NokParts == 0 ? null : MissedNok / (double)NokParts;

    public double? FalseCallRate => DefectFreeParts == 0 ? null : FalseCalls / (double)DefectFreeParts;
}

/// <summary>One (threshold, noise floor) point of a class on the validation set: defect-level recall, precision of the
/// components at or above the floor (<paramref name="Detections"/>), and precision of those the rules judge; a precision
/// is null where there is nothing to take it over.</summary>
public sealed record OperatingPoint(float Threshold, int MinAreaPx, double Recall, double? Precision, int Found, int Detections, double? JudgedPrecision, int Judged)
{
    /// <summary>The probability each component found at <see cref="Threshold"/> grows to (hysteresis); null = the threshold alone.</summary>
    public float? GrowThreshold { get; init; }

    /// <summary>The least length-to-width ratio a component must have to count (a cold shut is a linear indication);
    /// null = not screened by shape.</summary>
    public double? MinAspectRatio { get; init; }

    /// <summary>The distance in mm within which components are linked into one indication; null = not linked.</summary>
    public double? LinkDistanceMm { get; init; }

    /// <summary>The least second-look score a component must have to count; null = not looked at again.</summary>
    public double? MinSecondLookScore { get; init; }

    /// <summary>Defect-free parts of the set that a kept component of this class fails (NOK or REVIEW) on its own.</summary>
    public int FalseCalls { get; init; }

    /// <summary>Defect-free parts in the set.</summary>
    public int DefectFreeParts { get; init; }

    /// <summary><see cref="FalseCalls"/> over <see cref="DefectFreeParts"/>; null where the set has no defect-free part.</summary>
    public double? FalseCallRate => DefectFreeParts == 0 ? null : FalseCalls / (double)DefectFreeParts;

    /// <summary>The parts judged whole at this point when tuned for parts (only points within the class's own bounds are
    /// judged so); null = not judged by parts.</summary>
    public PartCounts? Parts { get; init; }
}

/// <summary>One measuring level at the chosen threshold and floor: the median pore-diameter error over the
/// <paramref name="Measured"/> ground-truth pores it found, and its recall and precision.</summary>
/// <param name="Fraction">Share of each component's peak probability it is measured at; null = every pixel found.</param>
public sealed record MeasuringPoint(double? Fraction, double MedianDiameterErrorMm, int Measured, OperatingPoint Point);

/// <summary>The chosen point of one class, whether it meets the objective's targets, and the runners-up.</summary>
/// <param name="Counted">Ground-truth defects recall is measured on: pores of Ø ≥ 0.5 mm, every cold shut.</param>
public sealed record ClassTuning(string Class, int Counted, OperatingPoint Chosen, bool MeetsTarget, IReadOnlyList<OperatingPoint> Best)
{
    /// <summary>The chosen measuring level (pores only); null = every pixel found.</summary>
    public double? MeasureAtPeakFraction { get; init; }

    /// <summary>Every measuring level tried at the chosen threshold and floor, best first (pores only).</summary>
    public IReadOnlyList<MeasuringPoint> Measuring { get; init; } = [];
}

/// <summary>What <c>castinspect tune</c> found for one model on one or more validation synth sets.</summary>
/// <param name="Seeds">The seed of each validation set, in the order given.</param>
/// <param name="GeneratorVersion">The synth generator of the set (its dataset.json); null when the set does not say.</param>
public sealed record TuneReport(
    string Model, string PartNumber, IReadOnlyList<ulong> Seeds, int Views, TuneObjective Objective, IReadOnlyList<ClassTuning> Classes, int? GeneratorVersion = null)
{
    public ClassTuning For(string className) => Classes.Single(c => c.Class == className);
}

/// <summary>One predicted component at one threshold: its area, whether a rule judges it, whether it overlaps ground
/// truth of its class, and which counted ground-truth defects it overlaps.</summary>
/// <remarks><paramref name="AreaPx"/> is the pixels found at the threshold, which the noise floor counts, whatever the
/// measuring level.</remarks>
internal sealed record TunedComponent(DefectClass Class, float Threshold, int AreaPx, bool Judged, bool IsTrue, IReadOnlyList<string> TruthHit)
{
    /// <summary>The measuring level it was extracted with; null = every pixel found.</summary>
    public double? MeasureFraction { get; init; }

    /// <summary>The link distance it was extracted with, in mm; null = not linked.</summary>
    public double? LinkDistanceMm { get; init; }

    /// <summary>Its highest probability: as a component grown from <see cref="Threshold"/>, it is kept for every seed up to this.</summary>
    public float Peak { get; init; }

    public double DiameterMm { get; init; }

    /// <summary>Its length over its width (max over min Feret).</summary>
    public double AspectRatio { get; init; }

    /// <summary>The second look's score; null = its model has no second look for its class.</summary>
    public double? SecondLookScore { get; init; }

    /// <summary>Pixels it shares with each ground-truth defect of its class, by key.</summary>
    public IReadOnlyDictionary<string, int> Overlap { get; init; } = new Dictionary<string, int>();

    /// <summary>The part, flawed or not, whose view it was found in when it fails that view on its own; null = passed by
    /// the rules (cold shuts and the components of defect-free parts are judged alone; pores of flawed parts are not).</summary>
    public string? FailsAloneOn { get; init; }

    /// <summary>Whether the part it was found in is defect-free.</summary>
    public bool OnDefectFreePart { get; init; }

    /// <summary>The defect-free part it fails on its own (judged alone, the view is NOK or REVIEW); null = on a flawed
    /// part, or passed by the rules.</summary>
    public string? FalseCallOn => OnDefectFreePart ? FailsAloneOn : null;

    /// <summary>The view it was found in (part serial / view id).</summary>
    public string ViewKey { get; init; } = "";

    /// <summary>The defect as measured (pores only): the part's views are judged whole from these at the chosen porosity point.</summary>
    public MeasuredDefect? Measured { get; init; }
}

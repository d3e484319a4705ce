using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;

namespace CastInspect.Imaging.Measurement;

/// <summary>How connected components become defects.</summary>
public sealed record DefectExtractionOptions
{
    public static DefectExtractionOptions Default { get; } = new();

    /// <summary>Components smaller than this many pixels are noise and dropped (default 2).</summary>
    public int MinAreaPx { get; init; } = 2;

    /// <summary>Per-class noise floor of a model: smaller components (down to <see cref="MinAreaPx"/>) are still listed,
    /// marked <see cref="MeasuredDefect.Screened"/>, and are never judged. A class not listed uses <see cref="MinAreaPx"/>.</summary>
    public IReadOnlyDictionary<DefectClass, int> MinAreaPxByClass { get; init; } = new Dictionary<DefectClass, int>();

    /// <summary>Per-class measuring level as a share of each component's peak probability: a component found at the
    /// class threshold is measured (area, diameter, length, outline) over its pixels at or above this share of its peak,
    /// never below the threshold. A class not listed is measured over every pixel found. A low threshold finds faint
    /// pores; this keeps it from drawing them, and clear ones, larger than they are.</summary>
    public IReadOnlyDictionary<DefectClass, double> MeasureAtPeakFractionByClass { get; init; } = new Dictionary<DefectClass, double>();

    /// <summary>Per-class grow threshold (hysteresis): a component found at the class threshold takes in every pixel
    /// connected to it at or above this lower probability, and is measured over them. A thin seam whose core reaches the
    /// threshold only in patches is then one defect of its true length, not a row of fragments each under the noise
    /// floor; a region that never reaches the threshold is still no defect. A class not listed, or listed at or above its
    /// threshold, is found at the threshold alone.</summary>
    public IReadOnlyDictionary<DefectClass, double> GrowThresholdByClass { get; init; } = new Dictionary<DefectClass, double>();

    /// <summary>Per-class least ratio of length to width (max to min Feret) a component must have to be its class:
    /// a cold shut is a linear indication (length at least three times its width, as penetrant and magnetic-particle
    /// standards define one), so a ring or a blob the model marks as a seam is screened out (listed, not judged). A
    /// class not listed is not screened by shape.</summary>
    public IReadOnlyDictionary<DefectClass, double> MinAspectRatioByClass { get; init; } = new Dictionary<DefectClass, double>();

    /// <summary>Per-class link distance in view mm: components of the class whose pixels lie closer than this are one
    /// indication (aligned indications, as radiographic and penetrant standards group them), measured over all their
    /// pixels (area, length across them all) and judged once. A seam the model sees in pieces is then one cold shut of
    /// its true length, not a row of fragments each under the noise floor. A class not listed is not linked.</summary>
    public IReadOnlyDictionary<DefectClass, double> LinkDistanceMmByClass { get; init; } = new Dictionary<DefectClass, double>();

    /// <summary>The ejector-pin witness marks of the view (its part program's <c>ejector_pin_marks</c>): a cold-shut
    /// component that lies on a circle of a pin's diameter is screened out as one. Null = none.</summary>
    public EjectorPinMarks? EjectorPins { get; init; }

    /// <summary>Most outline points kept per defect; longer outlines are simplified (default 256).</summary>
    public int MaxOutlinePoints { get; init; } = 256;

    /// <summary>The least length-to-width ratio of <paramref name="defectClass"/>; null = not screened by shape.</summary>
    public double? MinAspectRatioFor(DefectClass defectClass) =>
        MinAspectRatioByClass.TryGetValue(defectClass, out var ratio) ? ratio : null;

    /// <summary>The link distance of <paramref name="defectClass"/> in mm; null = not linked.</summary>
    public double? LinkDistanceMmFor(DefectClass defectClass) =>
        LinkDistanceMmByClass.TryGetValue(defectClass, out var mm) && mm > 0 ? mm : null;

    /// <summary>The smallest component of <paramref name="defectClass"/> that is judged.</summary>
    public int MinAreaFor(DefectClass defectClass) =>
        MinAreaPxByClass.TryGetValue(defectClass, out var area) ? area : MinAreaPx;

    /// <summary>The probability a component of <paramref name="defectClass"/> with class threshold
    /// <paramref name="threshold"/> spans: its grow threshold where that is lower, else the threshold.</summary>
    public float SpanLevel(DefectClass defectClass, float threshold) =>
        GrowThresholdByClass.TryGetValue(defectClass, out var grow) && grow < threshold ? (float)grow : threshold;

    /// <summary>The probability above which a component of <paramref name="defectClass"/> found at
    /// <paramref name="threshold"/> with peak <paramref name="peak"/> is measured.</summary>
    public float MeasureLevel(DefectClass defectClass, float threshold, float peak) =>
        MeasureAtPeakFractionByClass.TryGetValue(defectClass, out var share) ? Math.Max(threshold, (float)(share * peak)) : threshold;
}

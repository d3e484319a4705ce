using CastInspect.Core.Measurement;

namespace CastInspect.Imaging.Measurement;

/// <summary>How connected components become defects.</summary>
public sealed record DefectExtractionOptions
{
    public static DefectExtractionOptions Default { get; } = new();

    /// <summary>Components smaller than this many pixels are noise and dropped (default 2).</summary>
    public int MinAreaPx { get; init; } = 2;

    /// <summary>Per-class noise floor of a model: smaller components (down to <see cref="MinAreaPx"/>) are still listed,
    /// marked <see cref="MeasuredDefect.BelowNoiseFloor"/>, and are never judged. A class not listed uses <see cref="MinAreaPx"/>.</summary>
    public IReadOnlyDictionary<DefectClass, int> MinAreaPxByClass { get; init; } = new Dictionary<DefectClass, int>();

    /// <summary>Most outline points kept per defect; longer outlines are simplified (default 256).</summary>
    public int MaxOutlinePoints { get; init; } = 256;

    /// <summary>The smallest component of <paramref name="defectClass"/> that is judged.</summary>
    public int MinAreaFor(DefectClass defectClass) =>
        MinAreaPxByClass.TryGetValue(defectClass, out var area) ? area : MinAreaPx;
}

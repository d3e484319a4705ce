namespace CastInspect.Imaging.Measurement;

/// <summary>How connected components become defects.</summary>
public sealed record DefectExtractionOptions
{
    public static DefectExtractionOptions Default { get; } = new();

    /// <summary>Components smaller than this many pixels are noise and dropped (default 2).</summary>
    public int MinAreaPx { get; init; } = 2;

    /// <summary>Most outline points kept per defect; longer outlines are simplified (default 256).</summary>
    public int MaxOutlinePoints { get; init; } = 256;
}

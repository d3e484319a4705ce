namespace CastInspect.Imaging.Registration;

/// <summary>Bounds and acceptance of the registration of a view to its reference image.</summary>
public sealed record RegistrationOptions
{
    public static RegistrationOptions Default { get; } = new();

    /// <summary>Coarse level: the images are scaled so their longer side is at most this (default 256).</summary>
    public int CoarseSizePx { get; init; } = 256;

    /// <summary>Fine level: longer side at most this (default 512); the transform is refined here.</summary>
    public int FineSizePx { get; init; } = 512;

    /// <summary>ECC iterations per level (default 30): bounds the time.</summary>
    public int MaxIterations { get; init; } = 30;

    /// <summary>ECC stops when the update is below this (default 1e-3).</summary>
    public double Epsilon { get; init; } = 1e-3;

    /// <summary>Below this correlation (−1…1) the alignment is poor and the view goes to REVIEW (default 0.6).</summary>
    public double MinScore { get; init; } = 0.6;

    /// <summary>A part shifted further than this fraction of the image side is not plausibly in the fixture (default 0.15).</summary>
    public double MaxShiftFraction { get; init; } = 0.15;

    /// <summary>Largest plausible rotation in the fixture, degrees (default 5).</summary>
    public double MaxRotationDeg { get; init; } = 5;
}

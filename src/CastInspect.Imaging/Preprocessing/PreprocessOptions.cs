namespace CastInspect.Imaging.Preprocessing;

/// <summary>How views are prepared for the model.</summary>
public sealed record PreprocessOptions
{
    public static PreprocessOptions Default { get; } = new();

    /// <summary>X-ray: 3×3 median filter after flat-field correction (default off: the model was trained on raw noise).</summary>
    public bool Denoise { get; init; }

    /// <summary>Surface: illumination is estimated by a Gaussian blur of σ = this fraction of the shorter image side (default 1/16).</summary>
    public double IlluminationSigmaFraction { get; init; } = 1.0 / 16;
}

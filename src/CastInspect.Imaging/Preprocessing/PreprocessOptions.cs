namespace CastInspect.Imaging.Preprocessing;

/// <summary>How views are prepared for the model.</summary>
public sealed record PreprocessOptions
{
    public static PreprocessOptions Default { get; } = new();

    /// <summary>X-ray: 3×3 median filter after flat-field correction (default off: the model was trained on raw noise).</summary>
    public bool Denoise { get; init; }

    /// <summary>
    /// Surface: divide by the estimated illumination before windowing (default off). Only for models trained on flattened
    /// images: the training code (models/training/data.py) windows the raw grey values, and model input must match it.
    /// </summary>
    public bool FlattenSurfaceIllumination { get; init; }

    /// <summary>Surface: illumination is estimated by a Gaussian blur of σ = this fraction of the shorter image side (default 1/16).</summary>
    public double IlluminationSigmaFraction { get; init; } = 1.0 / 16;
}

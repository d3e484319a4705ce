namespace CastInspect.Imaging.Quality;

/// <summary>Image-quality measurements of one view and the REVIEW reasons they give against the view's limits.</summary>
/// <param name="Metrics">"noise_sigma", "noise_percent", "contrast", "cnr", "unsharpness_px", "mean_signal".</param>
/// <param name="ReviewReasons">Empty when the view passes, e.g. "image quality: CNR 1.8 &lt; 2.5".</param>
public sealed record ImageQualityResult(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<string> ReviewReasons)
{
    public bool Passed => ReviewReasons.Count == 0;
}

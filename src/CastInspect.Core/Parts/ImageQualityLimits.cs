using CastInspect.Core.Geometry;

namespace CastInspect.Core.Parts;

/// <summary>
/// Image-quality gate for an X-ray view (in the manner of ASTM E2737 detector monitoring): a view that falls
/// below these limits is sent to REVIEW with reason "image quality" instead of being judged.
/// </summary>
/// <param name="MinContrastToNoise">Minimum contrast-to-noise ratio measured in the reference region (typ. 2.5).</param>
/// <param name="MaxUnsharpnessPx">Maximum edge unsharpness (10–90 % edge width) in pixels.</param>
/// <param name="MaxNoisePercent">Maximum noise (std-dev of flat region as % of its mean signal).</param>
/// <param name="ReferenceRegionMm">Rectangle in the view frame, mm, holding a step/edge used for the measurements; null = whole image.</param>
public sealed record ImageQualityLimits(
    double MinContrastToNoise,
    double MaxUnsharpnessPx,
    double MaxNoisePercent = 100,
    RectMm? ReferenceRegionMm = null);

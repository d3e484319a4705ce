namespace CastInspect.Core.Inspection;

/// <summary>
/// How an image is turned into model input, as the model was trained: the grey values between the
/// <paramref name="LowPercentile"/> and <paramref name="HighPercentile"/> of the (corrected) image map to [0, 1] by
/// <paramref name="Transform"/>, clipped outside. Read from the model manifest and applied in one place (Imaging) for
/// training data and inference alike.
/// </summary>
public sealed record InputNormalisation(
    double LowPercentile = 0.5,
    double HighPercentile = 99.5,
    IntensityTransform Transform = IntensityTransform.Linear);

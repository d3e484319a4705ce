using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using CastInspect.Inference.Manifest;
using CastInspect.Inference.SecondLook;
using CastInspect.Inference.Segmentation;

namespace CastInspect.Pipeline;

/// <summary>One view run up to the model's output: its probability maps, where the image lies on the view's reference,
/// the image-quality metrics and the reasons the view already needs a review for. <paramref name="Image"/> is the
/// normalised image the model read, kept only when the model has second looks. <paramref name="PositionUncertaintyMm"/> is
/// how far the zones may lie from where the transform puts them: the view's position tolerance when it was not registered.</summary>
public sealed record ViewPrediction(
    SegmentationMaps Maps,
    ViewTransform Transform,
    double RegistrationScore,
    IReadOnlyDictionary<string, double> Quality,
    IReadOnlyList<string> ReviewReasons,
    RectMm ExtentMm,
    int BitDepth,
    ModelEntry Model,
    float[]? Image = null,
    IReadOnlyList<SecondLookModel>? SecondLooks = null,
    double PositionUncertaintyMm = 0)
{
    /// <summary>What the judge is told of this view: <paramref name="defects"/> with the view's review reasons, extent and
    /// position uncertainty.</summary>
    public ViewObservation Observation(string viewId, IReadOnlyList<MeasuredDefect> defects, IReadOnlyList<string>? reviewReasons = null) =>
        new(viewId, defects, reviewReasons ?? ReviewReasons, ExtentMm, PositionUncertaintyMm);
}

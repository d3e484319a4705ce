using CastInspect.Core.Geometry;
using CastInspect.Inference.Manifest;
using CastInspect.Inference.SecondLook;
using CastInspect.Inference.Segmentation;

namespace CastInspect.Pipeline;

/// <summary>One view run up to the model's output: its probability maps, where the image lies on the view's reference,
/// the image-quality metrics and the reasons the view already needs a review for. <paramref name="Image"/> is the
/// normalised image the model read, kept only when the model has second looks.</summary>
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
    IReadOnlyList<SecondLookModel>? SecondLooks = null);

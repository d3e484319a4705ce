using CastInspect.Core.Geometry;

namespace CastInspect.Core.Inspection;

/// <summary>Per-view facts of an inspection beyond the verdict: image size, registration, image quality, stage timings and
/// the model that judged it (name, version and the SHA-256 of its file, so a verdict traces to the exact weights).</summary>
public sealed record ViewInspection(
    string ViewId,
    int WidthPx,
    int HeightPx,
    int BitDepth,
    ViewTransform Transform,
    double RegistrationScore,
    IReadOnlyDictionary<string, double> QualityMetrics,
    IReadOnlyDictionary<string, double> TimingsMs,
    string ModelName,
    string ModelVersion,
    string ModelSha256 = "");

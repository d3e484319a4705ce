using CastInspect.Core.Geometry;

namespace CastInspect.Core.Inspection;

/// <summary>Per-view facts of an inspection beyond the verdict: image size, registration, image quality and stage timings.</summary>
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
    string ModelVersion);

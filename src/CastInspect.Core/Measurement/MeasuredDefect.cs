using CastInspect.Core.Geometry;

namespace CastInspect.Core.Measurement;

/// <summary>One connected defect found by segmentation, measured in image pixels and in view mm.</summary>
/// <param name="Index">Position in the view's defect list (stable for a given result).</param>
/// <param name="Class">Porosity or cold shut.</param>
/// <param name="BoundingBox">Bounding box in image pixels.</param>
/// <param name="CentroidPx">Centroid in image pixels.</param>
/// <param name="CentroidMm">Centroid in the view frame, mm.</param>
/// <param name="AreaPx">Area in pixels.</param>
/// <param name="AreaMm2">Area in mm².</param>
/// <param name="EquivalentDiameterMm">Diameter of the circle of the same area.</param>
/// <param name="LengthMm">Maximum Feret length (longest distance across the outline).</param>
/// <param name="MeanConfidence">Mean model probability of the class over the defect's pixels.</param>
/// <param name="MaxConfidence">Maximum model probability of the class over the defect's pixels.</param>
/// <param name="OutlineMm">Outline polygon in the view frame, mm (used for zone membership and edge distance).</param>
/// <param name="OutlinePx">Outline polygon in image pixels (used for overlays).</param>
/// <param name="Screened">Screened out by its model's operating point: smaller than the noise floor (the manifest's
/// <c>min_area_px</c>), or not shaped like its class (<paramref name="ScreenReason"/>). Listed so a reviewer sees what
/// the model saw, never judged.</param>
/// <param name="FoundAreaPx">Pixels at or above the class threshold, when the defect is measured over fewer of them (its
/// model's measuring level); null = <paramref name="AreaPx"/>. The noise floor counts these.</param>
/// <param name="FoundOutlinePx">Outline in image pixels of the component as found at the class threshold, when it is
/// measured over fewer pixels; null = <paramref name="OutlinePx"/>. Evaluation matches a defect to the truth by this
/// region: a pore is found where the component is, whatever level its size is measured at.</param>
/// <param name="WidthMm">Minimum Feret width (narrowest distance across the outline); 0 = not measured.</param>
/// <param name="ScreenReason">Why a <paramref name="Screened"/> defect is not judged, when it is not the noise floor.</param>
/// <param name="SecondLookScore">The second look's probability that it is its class (its model's <c>second_look</c>);
/// null = not looked at again.</param>
public sealed record MeasuredDefect(
    int Index,
    DefectClass Class,
    PixelBox BoundingBox,
    PointPx CentroidPx,
    PointMm CentroidMm,
    double AreaPx,
    double AreaMm2,
    double EquivalentDiameterMm,
    double LengthMm,
    double MeanConfidence,
    double MaxConfidence,
    IReadOnlyList<PointMm> OutlineMm,
    IReadOnlyList<PointPx> OutlinePx,
    bool Screened = false,
    double? FoundAreaPx = null,
    IReadOnlyList<PointPx>? FoundOutlinePx = null,
    double WidthMm = 0,
    string? ScreenReason = null,
    double? SecondLookScore = null);

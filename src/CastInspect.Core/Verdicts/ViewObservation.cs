using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;

namespace CastInspect.Core.Verdicts;

/// <summary>
/// What the imaging and inference stages saw in one view, handed to the judge: the measured defects and any
/// view-level issue that forces REVIEW (poor registration, failed image-quality gate).
/// </summary>
/// <param name="ViewId">View id from the part program.</param>
/// <param name="Defects">Every defect the model found, measured.</param>
/// <param name="ReviewReasons">View-level issues (image quality, registration) that force at least REVIEW.</param>
/// <param name="ImageExtentMm">
/// The incoming image's extent in the view frame, mm (for an identity transform: 0, 0, width × pixel size, height × pixel size).
/// Used for whole-image zones; when null the view's nominal rectangle is used, grown to hold every defect.
/// </param>
/// <param name="PositionUncertaintyMm">
/// How far the zones may lie from where they are drawn on this image, mm: the view's position tolerance when the view was
/// not registered to a reference, 0 when it was (or when the transform is known). A defect outside a zone but within this
/// distance of it is judged as if it lay in the zone, its findings capped at REVIEW.
/// </param>
public sealed record ViewObservation(
    string ViewId,
    IReadOnlyList<MeasuredDefect> Defects,
    IReadOnlyList<string> ReviewReasons,
    RectMm? ImageExtentMm = null,
    double PositionUncertaintyMm = 0);

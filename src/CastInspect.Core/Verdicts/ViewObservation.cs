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
public sealed record ViewObservation(
    string ViewId,
    IReadOnlyList<MeasuredDefect> Defects,
    IReadOnlyList<string> ReviewReasons,
    RectMm? ImageExtentMm = null);

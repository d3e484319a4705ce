using CastInspect.Core.Geometry;

namespace CastInspect.Imaging.Registration;

/// <summary>The transform found for one view, how well it fits and, when it is poor, why the view goes to REVIEW.</summary>
/// <param name="Transform">Image px → reference px (and view mm); identity when registration failed.</param>
/// <param name="Score">ECC correlation coefficient after alignment, −1…1 (1 = perfect).</param>
/// <param name="ReviewReason">Null when the alignment is trusted; otherwise the sentence an engineer reads.</param>
/// <param name="ShiftPx">Translation found, px (reference frame).</param>
/// <param name="RotationDeg">Rotation found, degrees.</param>
/// <param name="ElapsedMs">Time taken.</param>
public sealed record RegistrationResult(
    ViewTransform Transform,
    double Score,
    string? ReviewReason,
    double ShiftPx,
    double RotationDeg,
    double ElapsedMs);

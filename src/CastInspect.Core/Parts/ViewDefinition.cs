using CastInspect.Core.Geometry;

namespace CastInspect.Core.Parts;

/// <summary>One camera or X-ray view of the part, with its calibration and zones.</summary>
/// <param name="Id">View id as the camera station sends it (e.g. "XR-REAR-TOP").</param>
/// <param name="Modality">X-ray or surface.</param>
/// <param name="WidthPx">Reference image width in pixels.</param>
/// <param name="HeightPx">Reference image height in pixels.</param>
/// <param name="PixelSizeMm">Size of one pixel at the part, in mm (calibration).</param>
/// <param name="Zones">Zones drawn on this view, in mm in the view frame (origin top-left of the reference image).</param>
/// <param name="ReferenceImage">Optional path (relative to the part program file) of the golden image used for registration.</param>
/// <param name="DarkImage">Optional X-ray dark-field calibration image.</param>
/// <param name="FlatImage">Optional X-ray flat-field (gain) calibration image.</param>
/// <param name="ImageQuality">Optional image-quality limits for the quality gate (X-ray views).</param>
/// <param name="SizeToleranceFraction">How far an incoming image's size may differ from the reference (0.05 = 5 %).</param>
/// <param name="AnySize">True for ad-hoc views (the generic part program) that accept images of any size.</param>
/// <param name="Name">Descriptive name (e.g. "left rear node").</param>
/// <param name="EjectorPins">Ejector-pin witness marks this view shows (surface views); null = none.</param>
/// <param name="PositionToleranceMm">How far the part may lie from its drawn place in this view's fixture, mm, when the
/// view is not registered (no reference image, or registration failed); 0 = the zones are taken as exact.</param>
public sealed record ViewDefinition(
    string Id,
    Modality Modality,
    int WidthPx,
    int HeightPx,
    double PixelSizeMm,
    IReadOnlyList<Zone> Zones,
    string? ReferenceImage = null,
    string? DarkImage = null,
    string? FlatImage = null,
    ImageQualityLimits? ImageQuality = null,
    double SizeToleranceFraction = 0.05,
    bool AnySize = false,
    string? Name = null,
    EjectorPinMarks? EjectorPins = null,
    double PositionToleranceMm = 0)
{
    public double WidthMm => WidthPx * PixelSizeMm;

    public double HeightMm => HeightPx * PixelSizeMm;
}

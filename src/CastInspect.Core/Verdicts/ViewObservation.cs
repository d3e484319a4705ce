using CastInspect.Core.Measurement;

namespace CastInspect.Core.Verdicts;

/// <summary>
/// What the imaging and inference stages saw in one view, handed to the judge: the measured defects and any
/// view-level issue that forces REVIEW (poor registration, failed image-quality gate).
/// </summary>
public sealed record ViewObservation(
    string ViewId,
    IReadOnlyList<MeasuredDefect> Defects,
    IReadOnlyList<string> ReviewReasons);

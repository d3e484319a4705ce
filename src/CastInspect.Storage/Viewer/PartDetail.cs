using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;

namespace CastInspect.Storage.Viewer;

/// <summary>Everything the part page shows about one inspected part.</summary>
public sealed record PartDetail(
    PartHeader Header,
    IReadOnlyList<ViewDetail> Views,
    IReadOnlyList<DispositionEntry> Dispositions,
    IReadOnlyList<ReprocessEntry> Reprocessing);

/// <summary>Traceability and the line's verdict.</summary>
public sealed record PartHeader(
    long Id,
    string RequestId,
    string Serial,
    string PartNumber,
    int ProgramRevision,
    string Machine,
    string Die,
    string Cavity,
    long ShotNumber,
    string Line,
    DateTimeOffset CapturedUtc,
    DateTimeOffset ReceivedUtc,
    Verdict Verdict,
    IReadOnlyList<string> Reasons,
    double TotalMs,
    string? Disposition);

/// <summary>One view of the part: its archived image, registration, verdict, zones and defects.</summary>
/// <param name="Transform">Image px → view mm, as stored; null when unreadable.</param>
/// <param name="Frame">The view's frame from the part program (zone outlines); null when the program lacks the view.</param>
public sealed record ViewDetail(
    long RowId,
    string ViewId,
    string Modality,
    string ImageSha256,
    int WidthPx,
    int HeightPx,
    int BitDepth,
    Verdict Verdict,
    IReadOnlyList<string> Reasons,
    ViewTransform? Transform,
    double RegistrationScore,
    IReadOnlyList<ZoneDetail> Zones,
    IReadOnlyList<DefectDetail> Defects,
    ViewFrame? Frame);

/// <summary>A zone's verdict with the rules it broke or came close to breaking.</summary>
public sealed record ZoneDetail(string ZoneId, string Name, Verdict Verdict, IReadOnlyList<RuleFinding> Findings);

/// <summary>
/// A defect as measured, with the zones it lies in. An ignored defect is listed but no rule judged it;
/// <see cref="IgnoredReason"/> says why (null for defects stored before reasons were kept). <see cref="SecondLookScore"/>
/// is the second look's probability that it is its class (null where no second look scored it, or stored before scores
/// were kept).
/// </summary>
public sealed record DefectDetail(
    int Index,
    DefectClass Class,
    PixelBox BoundingBox,
    PointPx CentroidPx,
    PointMm CentroidMm,
    double AreaMm2,
    double EquivalentDiameterMm,
    double LengthMm,
    double MeanConfidence,
    double MaxConfidence,
    IReadOnlyList<string> ZoneIds,
    bool Ignored,
    string? IgnoredReason,
    double? SecondLookScore,
    IReadOnlyList<PointPx> OutlinePx);

/// <summary>A later reprocessing of the part: the verdict it gave then, next to the one before.</summary>
public sealed record ReprocessEntry(string RunId, Verdict OldVerdict, Verdict NewVerdict, IReadOnlyList<string> NewReasons, DateTimeOffset ProcessedUtc);

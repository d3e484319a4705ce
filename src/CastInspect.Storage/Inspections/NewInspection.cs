using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;

namespace CastInspect.Storage.Inspections;

/// <summary>Everything stored for one judged part, written in one transaction by <see cref="InspectionStore.SaveAsync"/>.</summary>
/// <param name="RequestId">The line's unique id for this upload (idempotency key).</param>
/// <param name="PartSerial">Serial of the part.</param>
/// <param name="Traceability">Machine, die, cavity, shot, line and capture time.</param>
/// <param name="ReceivedAt">When the service received the upload.</param>
/// <param name="Program">The part program the part was judged with.</param>
/// <param name="Result">The inspection result (verdict and per-view facts).</param>
/// <param name="Images">The archived image of each view, already durable on disk.</param>
public sealed record NewInspection(
    string RequestId,
    string PartSerial,
    Traceability Traceability,
    DateTimeOffset ReceivedAt,
    PartProgram Program,
    PartInspection Result,
    IReadOnlyList<ViewImageRecord> Images);

/// <summary>One view's archived image and how it was encoded.</summary>
public sealed record ViewImageRecord(
    string ViewId,
    Modality Modality,
    string Sha256,
    string RelativePath,
    long ByteLength,
    ImageEncoding Encoding);

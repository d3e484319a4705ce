using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;

namespace CastInspect.Storage.Reprocessing;

/// <summary>An inspection still to be re-judged in a run: the line's verdict, the program to use and the archived views.</summary>
public sealed record ReprocessItem(
    long InspectionId,
    string PartSerial,
    string PartNumber,
    Verdict OldVerdict,
    IReadOnlyList<string> OldReasons,
    long PartProgramVersionId,
    IReadOnlyList<ArchivedView> Views);

/// <summary>One view's archived image as recorded by the line.</summary>
public sealed record ArchivedView(
    string ViewId,
    Modality Modality,
    string Sha256,
    string RelativePath,
    long ByteLength,
    ImageEncoding Encoding,
    int WidthPx,
    int HeightPx);

/// <summary>A re-judged part: the line's verdict next to the new one, with the full new result.</summary>
public sealed record ReprocessResult(
    long InspectionId,
    Verdict OldVerdict,
    Verdict NewVerdict,
    IReadOnlyList<string> OldReasons,
    IReadOnlyList<string> NewReasons,
    PartInspection Result);

/// <summary>A stored result of a run, with the part it belongs to.</summary>
public sealed record StoredReprocessResult(
    long InspectionId,
    string PartSerial,
    string PartNumber,
    Verdict OldVerdict,
    Verdict NewVerdict,
    IReadOnlyList<string> OldReasons,
    IReadOnlyList<string> NewReasons,
    DateTimeOffset ProcessedUtc);

/// <summary>A selected inspection that could not be re-judged, and why.</summary>
public sealed record ReprocessFailure(long InspectionId, string PartSerial, string PartNumber, string Error, DateTimeOffset ProcessedUtc);

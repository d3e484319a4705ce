using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;

namespace CastInspect.Storage.Inspections;

/// <summary>Dapper row of the inspection summary query (the viewer's part header extends it).</summary>
internal class SummaryRow
{
    public long Id { get; set; }

    public string RequestId { get; set; } = string.Empty;

    public string PartSerial { get; set; } = string.Empty;

    public string PartNumber { get; set; } = string.Empty;

    public long Revision { get; set; }

    public string Machine { get; set; } = string.Empty;

    public string Die { get; set; } = string.Empty;

    public string Cavity { get; set; } = string.Empty;

    public long ShotNumber { get; set; }

    public string Line { get; set; } = string.Empty;

    public string CapturedUtc { get; set; } = string.Empty;

    public string ReceivedUtc { get; set; } = string.Empty;

    public string Verdict { get; set; } = string.Empty;

    public string ReasonsJson { get; set; } = "[]";

    public double TotalMs { get; set; }

    public string? Disposition { get; set; }

    public InspectionSummary ToSummary() => new(
        Id,
        RequestId,
        PartSerial,
        PartNumber,
        checked((int)Revision),
        new Traceability(Machine, Die, Cavity, ShotNumber, Line, StoreJson.ParseTime(CapturedUtc)),
        StoreJson.ParseTime(ReceivedUtc),
        VerdictText.Parse(Verdict),
        StoreJson.Deserialize<List<string>>(ReasonsJson),
        TotalMs,
        Disposition);
}

/// <summary>Dapper row of a view's archived image.</summary>
internal class ImageRow
{
    public string ViewId { get; set; } = string.Empty;

    public string Modality { get; set; } = string.Empty;

    public string Sha256 { get; set; } = string.Empty;

    public string RelativePath { get; set; } = string.Empty;

    public long ByteLength { get; set; }

    public string Encoding { get; set; } = string.Empty;

    public ViewImageRecord ToRecord() => new(
        ViewId,
        Enum.Parse<Modality>(Modality, ignoreCase: true),
        Sha256,
        RelativePath,
        ByteLength,
        Enum.Parse<ImageEncoding>(Encoding, ignoreCase: true));
}

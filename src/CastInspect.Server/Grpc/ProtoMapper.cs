using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Storage.Inspections;
using Google.Protobuf.WellKnownTypes;
using Wire = CastInspect.Contracts.V1;
using Verdicts = CastInspect.Core.Verdicts;

namespace CastInspect.Server;

/// <summary>Maps between the wire contract (castinspect.v1) and Core/Storage records. No logic beyond the mapping.</summary>
internal static class ProtoMapper
{
    public static Wire.PartVerdict ToProto(StoredInspection stored, bool replayed)
    {
        var s = stored.Summary;
        var verdict = new Wire.PartVerdict
        {
            RequestId = s.RequestId,
            PartSerial = s.PartSerial,
            PartNumber = s.PartNumber,
            PartProgramRevision = s.PartProgramRevision,
            Verdict = ToProto(s.Verdict),
            Traceability = ToProto(s.Traceability),
            ReceivedAt = Timestamp.FromDateTimeOffset(s.ReceivedAt),
            TotalMs = s.TotalMs,
            Replayed = replayed,
            Disposition = s.Disposition ?? string.Empty,
        };
        verdict.Reasons.AddRange(s.Reasons);
        foreach (var view in stored.Result.Verdict.Views)
        {
            var facts = stored.Result.Views.FirstOrDefault(v => v.ViewId == view.ViewId);
            var image = stored.Images.FirstOrDefault(i => i.ViewId == view.ViewId);
            verdict.Views.Add(ToProto(view, facts, image));
        }

        return verdict;
    }

    public static Wire.InspectionSummary ToProto(InspectionSummary s)
    {
        var summary = new Wire.InspectionSummary
        {
            RequestId = s.RequestId,
            PartSerial = s.PartSerial,
            PartNumber = s.PartNumber,
            PartProgramRevision = s.PartProgramRevision,
            Verdict = ToProto(s.Verdict),
            Traceability = ToProto(s.Traceability),
            ReceivedAt = Timestamp.FromDateTimeOffset(s.ReceivedAt),
            Disposition = s.Disposition ?? string.Empty,
            TotalMs = s.TotalMs,
        };
        summary.Reasons.AddRange(s.Reasons);
        return summary;
    }

    public static Wire.Traceability ToProto(Traceability t) => new()
    {
        Machine = t.Machine,
        Die = t.Die,
        Cavity = t.Cavity,
        ShotNumber = t.ShotNumber,
        Line = t.Line,
        CapturedAt = Timestamp.FromDateTimeOffset(t.CapturedAt),
    };

    public static Traceability FromProto(Wire.Traceability? t, DateTimeOffset receivedAt) => t is null
        ? new Traceability(string.Empty, string.Empty, string.Empty, 0, string.Empty, receivedAt)
        : new Traceability(t.Machine, t.Die, t.Cavity, t.ShotNumber, t.Line, t.CapturedAt?.ToDateTimeOffset() ?? receivedAt);

    public static Wire.Verdict ToProto(Verdicts.Verdict v) => v switch
    {
        Verdicts.Verdict.Ok => Wire.Verdict.Ok,
        Verdicts.Verdict.Review => Wire.Verdict.Review,
        Verdicts.Verdict.Nok => Wire.Verdict.Nok,
        _ => Wire.Verdict.Unspecified,
    };

    public static Verdicts.Verdict? FromProto(Wire.Verdict v) => v switch
    {
        Wire.Verdict.Ok => Verdicts.Verdict.Ok,
        Wire.Verdict.Review => Verdicts.Verdict.Review,
        Wire.Verdict.Nok => Verdicts.Verdict.Nok,
        _ => null,
    };

    public static Wire.Modality ToProto(Core.Parts.Modality m) =>
        m == Core.Parts.Modality.Xray ? Wire.Modality.Xray : Wire.Modality.Surface;

    public static InspectionQuery FromProto(Wire.ListInspectionsRequest r) => new(
        r.CapturedFrom?.ToDateTimeOffset(),
        r.CapturedTo?.ToDateTimeOffset(),
        NullIfEmpty(r.PartNumber),
        NullIfEmpty(r.PartSerial),
        FromProto(r.Verdict),
        NullIfEmpty(r.Disposition),
        r.PageSize,
        NullIfEmpty(r.PageToken));

    private static Wire.ViewVerdict ToProto(Verdicts.ViewVerdict view, ViewInspection? facts, ViewImageRecord? image)
    {
        var pb = new Wire.ViewVerdict
        {
            ViewId = view.ViewId,
            Verdict = ToProto(view.Verdict),
            ImageSha256 = image?.Sha256 ?? string.Empty,
            Modality = image is null ? Wire.Modality.Unspecified : ToProto(image.Modality),
        };
        pb.Reasons.AddRange(view.Reasons);
        pb.Zones.AddRange(view.Zones.Select(ToProto));
        pb.Defects.AddRange(view.Defects.Select(ToProto));
        if (facts is not null)
        {
            pb.WidthPx = facts.WidthPx;
            pb.HeightPx = facts.HeightPx;
            pb.BitDepth = facts.BitDepth;
            pb.RegistrationScore = facts.RegistrationScore;
            pb.ImageToReference.AddRange(facts.Transform.ImageToReference);
            pb.PixelSizeMm = facts.Transform.PixelSizeMm;
            pb.QualityMetrics.Add(facts.QualityMetrics.ToDictionary());
            pb.TimingsMs.Add(facts.TimingsMs.ToDictionary());
            pb.ModelName = facts.ModelName;
            pb.ModelVersion = facts.ModelVersion;
        }

        return pb;
    }

    private static Wire.ZoneVerdict ToProto(Verdicts.ZoneVerdict zone)
    {
        var pb = new Wire.ZoneVerdict { ZoneId = zone.ZoneId, ZoneName = zone.ZoneName, Verdict = ToProto(zone.Verdict) };
        foreach (var f in zone.Findings)
        {
            var finding = new Wire.RuleFinding
            {
                Rule = f.Rule,
                Outcome = ToProto(f.Outcome),
                Measured = f.Measured,
                Limit = f.Limit,
                Unit = f.Unit,
                Reason = f.Reason,
            };
            finding.DefectIndices.AddRange(f.DefectIndices);
            pb.Findings.Add(finding);
        }

        return pb;
    }

    private static Wire.Defect ToProto(Verdicts.JudgedDefect judged)
    {
        var d = judged.Defect;
        var pb = new Wire.Defect
        {
            Index = d.Index,
            Class = d.Class == DefectClass.ColdShut ? Wire.DefectClass.ColdShut : Wire.DefectClass.Porosity,
            Bbox = new Wire.PixelBox { X = d.BoundingBox.X, Y = d.BoundingBox.Y, Width = d.BoundingBox.Width, Height = d.BoundingBox.Height },
            CentroidPx = new Wire.Point { X = d.CentroidPx.X, Y = d.CentroidPx.Y },
            CentroidMm = new Wire.Point { X = d.CentroidMm.X, Y = d.CentroidMm.Y },
            AreaPx = d.AreaPx,
            AreaMm2 = d.AreaMm2,
            EquivalentDiameterMm = d.EquivalentDiameterMm,
            LengthMm = d.LengthMm,
            MeanConfidence = d.MeanConfidence,
            MaxConfidence = d.MaxConfidence,
            Ignored = judged.Ignored,
            IgnoredReason = judged.IgnoredReason ?? string.Empty,
        };
        pb.ZoneIds.AddRange(judged.ZoneIds);
        pb.OutlinePx.AddRange(d.OutlinePx.Select(p => new Wire.Point { X = p.X, Y = p.Y }));
        if (d.SecondLookScore is { } score)
        {
            pb.SecondLookScore = score;
        }

        return pb;
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrEmpty(s) ? null : s;
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Inspections;

namespace CastInspect.Storage.Tests.Inspections;

/// <summary>Inspections as the pipeline would hand them to the store: one X-ray view with a pore judged NOK in zone Z1.</summary>
internal static class SampleInspections
{
    public static PartProgram Program { get; } = new(
        "P-1",
        "test casting",
        3,
        [new ViewDefinition("XR-1", Modality.Xray, 64, 64, 0.1, [])]);

    public static async Task<NewInspection> CreateAsync(
        ImageArchive archive, string requestId, Verdict verdict = Verdict.Nok, DateTimeOffset? capturedAt = null, string serial = "S-1")
    {
        var image = await archive.SaveAsync(System.Text.Encoding.UTF8.GetBytes("image of " + requestId));
        var defect = new MeasuredDefect(
            0, DefectClass.Porosity, new PixelBox(10, 12, 5, 6), new PointPx(12.5, 15), new PointMm(1.25, 1.5), 24, 0.24, 0.55, 0.7, 0.8, 0.95,
            [new PointMm(1, 1), new PointMm(1.5, 1), new PointMm(1.5, 2)], [new PointPx(10, 10), new PointPx(15, 10), new PointPx(15, 20)]);
        var finding = new RuleFinding("max_pore_diameter_mm", verdict, 0.55, 0.5, "mm", "zone Z1 \"node\": pore Ø 0.55 mm > 0.5 mm", [0]);
        var reasons = verdict == Verdict.Ok ? Array.Empty<string>() : [finding.Reason];
        var viewVerdict = new ViewVerdict(
            "XR-1",
            verdict,
            [new ZoneVerdict("Z1", "node", verdict, verdict == Verdict.Ok ? [] : [finding])],
            [new JudgedDefect(defect, ["Z1"], false, null)],
            reasons);
        var facts = new ViewInspection(
            "XR-1", 64, 64, 16, ViewTransform.Identity(0.1), 0.97,
            new Dictionary<string, double> { ["cnr"] = 4.2 },
            new Dictionary<string, double> { ["decode"] = 1.5, ["infer"] = 12.25 },
            "xray-seg",
            "1.0.0",
            "4ae4f3af5ceea0d576b541e678259ee66fb2b7986bba525924efb2bc33ce7b67");
        var result = new PartInspection(new PartVerdict("P-1", 3, verdict, [viewVerdict], reasons), [facts], 20.5);
        return new NewInspection(
            requestId,
            serial,
            new Traceability("M1", "D7", "C2", 4711, "L1", capturedAt ?? new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)),
            new DateTimeOffset(2026, 11, 22, 8, 0, 1, TimeSpan.Zero),
            Program,
            result,
            [new ViewImageRecord("XR-1", Modality.Xray, image.Sha256, image.RelativePath, image.ByteLength, ImageEncoding.Auto)]);
    }
}

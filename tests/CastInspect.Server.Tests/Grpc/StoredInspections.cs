using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Inspections;

namespace CastInspect.Server.Tests.Grpc;

/// <summary>Inspections written straight to the store, for what the shipped models do not find on a test image.</summary>
internal static class StoredInspections
{
    /// <summary>An OK surface view with one pore per score, as its second look scored it (null = not looked at again).</summary>
    public static NewInspection SecondLooked(string requestId, params double?[] scores)
    {
        var program = new PartProgram("SL-1", "second look part", 1, [new ViewDefinition("SF-1", Modality.Surface, 64, 64, 0.1, [])]);
        var defects = scores.Select((score, i) => new JudgedDefect(
            new MeasuredDefect(
                i, DefectClass.Porosity, new PixelBox(10 * i, 10, 4, 4), new PointPx((10 * i) + 2, 12), new PointMm(i + 0.2, 1.2), 12, 0.12, 0.4, 0.4, 0.9, 0.95,
                [], [new PointPx(10 * i, 10), new PointPx((10 * i) + 4, 10), new PointPx((10 * i) + 4, 14)], SecondLookScore: score),
            [],
            true,
            "outside every zone")).ToList();
        var result = new PartInspection(
            new PartVerdict("SL-1", 1, Verdict.Ok, [new ViewVerdict("SF-1", Verdict.Ok, [], defects, [])], []),
            [new ViewInspection("SF-1", 64, 64, 8, ViewTransform.Identity(0.1), 1, new Dictionary<string, double>(), new Dictionary<string, double>(), "surface-seg", "1.8.0")],
            10);
        var at = new DateTimeOffset(2026, 11, 22, 6, 30, 0, TimeSpan.Zero);
        var sha = new string('a', 64);
        return new NewInspection(
            requestId, "SER-SL", new Traceability("M1", "D1", "1", 1, "L1", at), at, program, result,
            [new ViewImageRecord("SF-1", Modality.Surface, sha, $"{sha[..2]}/{sha}", 100, ImageEncoding.Auto)]);
    }
}

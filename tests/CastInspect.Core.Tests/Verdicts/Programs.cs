using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;

namespace CastInspect.Core.Tests.Verdicts;

/// <summary>Small part programs for judging: one 100 × 100 mm X-ray view with zone RR-2 "rear rail node" (10–90 mm square).</summary>
internal static class Programs
{
    public const string ViewId = "XR-1";

    public static readonly IReadOnlyList<PointMm> Square = [new(10, 10), new(90, 10), new(90, 90), new(10, 90)];

    public static Zone RearRail(PorosityRules? porosity = null, ColdShutRules? coldShut = null, double margin = 0.1, Criticality criticality = Criticality.Structural) =>
        new("RR-2", "rear rail node", Square, criticality, porosity, coldShut, new ReviewBand(margin, 0.6, 0.7));

    public static PartProgram With(params Zone[] zones) =>
        new("UB-R-1000", "giga-cast rear underbody", 4, [new ViewDefinition(ViewId, Modality.Xray, 1000, 1000, 0.1, zones)]);

    public static PartVerdict Judge(PartProgram program, params Core.Measurement.MeasuredDefect[] defects) =>
        PartJudge.Judge(program, [new ViewObservation(ViewId, defects, [])]);

    public static ZoneVerdict Zone(PartVerdict verdict, string zoneId) =>
        verdict.Views.Single().Zones.Single(z => z.ZoneId == zoneId);
}

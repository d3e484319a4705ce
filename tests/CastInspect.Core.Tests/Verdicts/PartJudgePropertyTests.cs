using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CsCheck;

namespace CastInspect.Core.Tests.Verdicts;

/// <summary>Properties of the judge over random defects in two overlapping zones using every rule.</summary>
public class PartJudgePropertyTests
{
    private const int Iterations = 300;

    private static readonly Zone Strict = new(
        "RR-2", "rear rail node", [new(10, 10), new(55, 10), new(55, 90), new(10, 90)], Criticality.Structural,
        new PorosityRules(0.3, 1.2, new ReferenceArea(ReferenceAreaShape.Circle, 10), 4, 2.0, 1.0, 1.5),
        new ColdShutRules(false), new ReviewBand(0.1, 0.6, 0.7));

    private static readonly Zone Lenient = new(
        "FL-3", "damper flange", [new(45, 10), new(90, 10), new(90, 90), new(45, 90)], Criticality.Functional,
        new PorosityRules(0.5, 3.0, new ReferenceArea(ReferenceAreaShape.Square, 20), 8, 4.0, 0.8),
        new ColdShutRules(true, 5.0), new ReviewBand(0.05, 0.5, 0.7));

    private static readonly PartProgram Program = Programs.With(Strict, Lenient);

    private static readonly Gen<(double X, double Y, double Size, double Confidence, bool ColdShut)> GenDefect =
        Gen.Select(Gen.Double[5, 95], Gen.Double[5, 95], Gen.Double[0.1, 3.0], Gen.Double[0.3, 1.0], Gen.Int[0, 9])
            .Select((x, y, size, confidence, kind) => (x, y, size, confidence, kind == 0));

    private static readonly Gen<MeasuredDefect[]> GenDefects =
        GenDefect.Array[0, 25].Select(a => a.Select((d, i) => Make(i, d)).ToArray());

    [Fact]
    public void Judge_AddingADefect_NeverImprovesAVerdict()
    {
        Gen.Select(GenDefects, GenDefect).Sample(
            (defects, extra) =>
            {
                var before = Programs.Judge(Program, defects);
                var after = Programs.Judge(Program, [.. defects, Make(defects.Length, extra)]);

                Assert.True(after.Verdict >= before.Verdict, $"{before.Verdict} became {after.Verdict}");
                foreach (var zone in before.Views[0].Zones)
                {
                    Assert.True(Programs.Zone(after, zone.ZoneId).Verdict >= zone.Verdict, $"zone {zone.ZoneId}: {zone.Verdict} became {Programs.Zone(after, zone.ZoneId).Verdict}");
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void Judge_DefectOrder_DoesNotChangeTheVerdictOrItsReasons()
    {
        Gen.Select(GenDefects, Gen.Int).Sample(
            (defects, seed) =>
            {
                var shuffled = (MeasuredDefect[])defects.Clone();
                new Random(seed).Shuffle(shuffled);

                var a = Programs.Judge(Program, defects);
                var b = Programs.Judge(Program, shuffled);

                Assert.Equal(a.Verdict, b.Verdict);
                Assert.Equal(a.Reasons, b.Reasons);
                Assert.Equal(a.Views[0].Defects.Select(d => (d.Defect.Index, string.Join(",", d.ZoneIds), d.Ignored)), b.Views[0].Defects.Select(d => (d.Defect.Index, string.Join(",", d.ZoneIds), d.Ignored)));
            },
            iter: Iterations);
    }

    [Fact]
    public void Judge_RescalingPixelSizeAndLimitsTogether_LeavesTheVerdictUnchanged()
    {
        // Powers of two scale doubles exactly, so a result on a limit stays on it.
        Gen.Select(GenDefects, Gen.OneOf(0.25, 0.5, 2.0, 4.0)).Sample(
            (defects, k) =>
            {
                var a = Programs.Judge(Program, defects);
                var b = Programs.Judge(Scale(Program, k), [.. defects.Select(d => Scale(d, k))]);

                Assert.Equal(a.Verdict, b.Verdict);
                Assert.Equal(Outcomes(a), Outcomes(b));
            },
            iter: Iterations);
    }

    private static IEnumerable<(string, Verdict, string, Verdict)> Outcomes(PartVerdict v) =>
        v.Views[0].Zones.SelectMany(z => z.Findings.Select(f => (z.ZoneId, z.Verdict, f.Rule, f.Outcome)));

    private static MeasuredDefect Make(int index, (double X, double Y, double Size, double Confidence, bool ColdShut) d) =>
        d.ColdShut ? Defects.ColdShut(index, d.X, d.Y, d.Size * 2, d.Confidence) : Defects.Pore(index, d.X, d.Y, d.Size, d.Confidence);

    private static PointMm Scale(PointMm p, double k) => new(p.X * k, p.Y * k);

    private static MeasuredDefect Scale(MeasuredDefect d, double k) => d with
    {
        CentroidMm = Scale(d.CentroidMm, k),
        AreaMm2 = d.AreaMm2 * k * k,
        EquivalentDiameterMm = d.EquivalentDiameterMm * k,
        LengthMm = d.LengthMm * k,
        OutlineMm = [.. d.OutlineMm.Select(p => Scale(p, k))],
    };

    private static PartProgram Scale(PartProgram program, double k) => program with
    {
        Views = [.. program.Views.Select(v => v with
        {
            PixelSizeMm = v.PixelSizeMm * k,
            Zones = [.. v.Zones.Select(z => Scale(z, k))],
        })],
    };

    private static Zone Scale(Zone z, double k) => z with
    {
        PolygonMm = [.. z.PolygonMm.Select(p => Scale(p, k))],
        Porosity = z.Porosity is not { } p ? null : p with
        {
            DetectionFloorMm = p.DetectionFloorMm * k,
            MaxPoreDiameterMm = p.MaxPoreDiameterMm * k,
            ReferenceArea = p.ReferenceArea is { } a ? a with { SizeMm = a.SizeMm * k } : null,
            MinSpacingMm = p.MinSpacingMm * k,
            MinEdgeDistanceMm = p.MinEdgeDistanceMm * k,
        },
        ColdShut = z.ColdShut is not { } c ? null : c with { MaxLengthMm = c.MaxLengthMm * k },
    };
}

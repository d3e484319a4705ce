using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using static CastInspect.Core.Tests.Verdicts.Defects;
using static CastInspect.Core.Tests.Verdicts.Programs;

namespace CastInspect.Core.Tests.Verdicts;

public class PartJudgeTests
{
    private static readonly PorosityRules MaxDiameter = new(DetectionFloorMm: 0.3, MaxPoreDiameterMm: 1.2);

    [Theory]
    [InlineData(1.0, Verdict.Ok)]
    [InlineData(1.07, Verdict.Ok)] // just under the band (1.08–1.32 mm)
    [InlineData(1.09, Verdict.Review)] // just inside the band, under the limit
    [InlineData(1.2, Verdict.Review)] // at the limit
    [InlineData(1.25, Verdict.Review)] // just over the limit, within the margin
    [InlineData(1.33, Verdict.Nok)] // over the limit by more than the margin
    [InlineData(1.8, Verdict.Nok)]
    public void Judge_PoreDiameter_AgainstLimitAndReviewBand(double diameter, Verdict expected)
    {
        var verdict = Judge(With(RearRail(MaxDiameter)), Pore(0, 50, 50, diameter));

        Assert.Equal(expected, verdict.Verdict);
    }

    [Fact]
    public void Judge_PoreTooLarge_ReasonReadsLikeAnEngineerWritesIt()
    {
        var verdict = Judge(With(RearRail(MaxDiameter)), Pore(3, 50, 50, 1.8));

        var finding = Assert.Single(Zone(verdict, "RR-2").Findings);
        Assert.Equal("zone RR-2 \"rear rail node\": pore Ø 1.8 mm > 1.2 mm", finding.Reason);
        Assert.Equal((RuleKeys.MaxPoreDiameter, 1.8, 1.2, "mm"), (finding.Rule, finding.Measured, finding.Limit, finding.Unit));
        Assert.Equal([3], finding.DefectIndices);
        Assert.Equal(["XR-1: zone RR-2 \"rear rail node\": pore Ø 1.8 mm > 1.2 mm"], verdict.Reasons);
        Assert.Equal(("UB-R-1000", 4), (verdict.PartNumber, verdict.PartProgramRevision));
    }

    [Fact]
    public void Judge_PoreInReviewBand_ReasonNamesTheBand()
    {
        var verdict = Judge(With(RearRail(MaxDiameter)), Pore(0, 50, 50, 1.15));

        Assert.Equal(["XR-1: zone RR-2 \"rear rail node\": pore Ø 1.15 mm within 10 % of limit 1.2 mm"], verdict.Reasons);
    }

    [Theory]
    [InlineData(1.2, Verdict.Ok)]
    [InlineData(1.2001, Verdict.Nok)]
    public void Judge_NoReviewMargin_LimitItselfIsAccepted(double diameter, Verdict expected)
    {
        var verdict = Judge(With(RearRail(MaxDiameter, margin: 0)), Pore(0, 50, 50, diameter));

        Assert.Equal(expected, verdict.Verdict);
    }

    [Theory]
    [InlineData(0.29, true)]
    [InlineData(0.3, false)]
    public void Judge_PoreAtAndBelowDetectionFloor_BelowIsIgnoredWithReason(double diameter, bool ignored)
    {
        var rules = new PorosityRules(0.3, ReferenceArea: new ReferenceArea(ReferenceAreaShape.Circle, 10), MaxPoreCount: 0);

        var verdict = Judge(With(RearRail(rules, margin: 0)), Pore(0, 50, 50, diameter));

        var defect = Assert.Single(verdict.Views[0].Defects);
        Assert.Equal(ignored, defect.Ignored);
        Assert.Equal(ignored ? Verdict.Ok : Verdict.Nok, verdict.Verdict);
        if (ignored)
        {
            Assert.Equal("Ø 0.29 mm below the detection floor 0.3 mm of zone RR-2", defect.IgnoredReason);
        }
    }

    [Theory]
    [InlineData(2, Verdict.Ok)]
    [InlineData(3, Verdict.Review)] // at the limit (band 2.7–3.3)
    [InlineData(4, Verdict.Nok)]
    public void Judge_PoreCountInReferenceCircle_AgainstLimit(int pores, Verdict expected)
    {
        var rules = new PorosityRules(0.3, ReferenceArea: new ReferenceArea(ReferenceAreaShape.Circle, 10), MaxPoreCount: 3);
        var defects = Enumerable.Range(0, pores).Select(i => Pore(i, 40 + (2 * i), 50, 0.5)).ToArray();

        var verdict = Judge(With(RearRail(rules)), defects);

        Assert.Equal(expected, verdict.Verdict);
        if (expected == Verdict.Nok)
        {
            Assert.Equal("zone RR-2 \"rear rail node\": 4 pores in a Ø 10 mm circle > 3", Zone(verdict, "RR-2").Findings.Single().Reason);
        }
    }

    [Theory]
    [InlineData(9.9, Verdict.Nok)] // four pores on a Ø 9.9 mm ring: one Ø 10 mm circle holds all four
    [InlineData(10.1, Verdict.Ok)] // on a Ø 10.1 mm ring no Ø 10 mm circle holds more than two
    public void Judge_PoreCount_FindsTheWorstPlacementNotCentredOnAPore(double ring, Verdict expected)
    {
        var rules = new PorosityRules(0.3, ReferenceArea: new ReferenceArea(ReferenceAreaShape.Circle, 10), MaxPoreCount: 3);
        var r = ring / 2;
        var defects = new[] { Pore(0, 50 + r, 50, 0.4), Pore(1, 50, 50 + r, 0.4), Pore(2, 50 - r, 50, 0.4), Pore(3, 50, 50 - r, 0.4) };

        var verdict = Judge(With(RearRail(rules, margin: 0)), defects);

        Assert.Equal(expected, verdict.Verdict);
    }

    [Theory]
    [InlineData(19.9, Verdict.Nok)]
    [InlineData(20.1, Verdict.Ok)]
    public void Judge_PoreCountInReferenceSquare_SlidesTheSquare(double spread, Verdict expected)
    {
        var rules = new PorosityRules(0.3, ReferenceArea: new ReferenceArea(ReferenceAreaShape.Square, 20), MaxPoreCount: 1);
        var defects = new[] { Pore(0, 30, 30, 0.5), Pore(1, 30 + spread, 30 + spread, 0.5) };

        var verdict = Judge(With(RearRail(rules, margin: 0)), defects);

        Assert.Equal(expected, verdict.Verdict);
    }

    [Theory]
    [InlineData(1.0, Verdict.Ok)] // 1.27 % of the Ø 10 mm circle
    [InlineData(1.5708, Verdict.Review)] // 2.0 %: at the limit
    [InlineData(1.8, Verdict.Nok)] // 2.29 %: over the band (1.8–2.2 %)
    public void Judge_PorosityAreaPercent_AgainstLimit(double areaMm2, Verdict expected)
    {
        var rules = new PorosityRules(0.3, ReferenceArea: new ReferenceArea(ReferenceAreaShape.Circle, 10), MaxAreaPercent: 2);
        var d = Math.Sqrt(4 * (areaMm2 / 2) / Math.PI);

        var verdict = Judge(With(RearRail(rules)), Pore(0, 50, 50, d), Pore(1, 54, 50, d));

        Assert.Equal(expected, verdict.Verdict);
        Assert.Equal(100 * areaMm2 / (Math.PI * 25), Zone(verdict, "RR-2").Findings.Select(f => f.Measured).DefaultIfEmpty(100 * areaMm2 / (Math.PI * 25)).Single(), 6);
    }

    [Theory]
    [InlineData(2.1, Verdict.Ok)] // gap 1.5 mm ≥ 1.1 mm: separate pores
    [InlineData(1.6, Verdict.Review)] // gap 1.0 mm: at the min spacing, envelope 2.2 mm > 1.2 mm
    [InlineData(1.2, Verdict.Nok)] // gap 0.6 mm: a cluster, envelope 1.8 mm > 1.2 mm
    public void Judge_PoresCloserThanMinSpacing_JudgedAsClusterByEnvelope(double centreDistance, Verdict expected)
    {
        var rules = new PorosityRules(0.3, MaxPoreDiameterMm: 1.2, MinSpacingMm: 1.0);

        var verdict = Judge(With(RearRail(rules)), Pore(0, 50, 50, 0.6), Pore(1, 50 + centreDistance, 50, 0.6));

        Assert.Equal(expected, verdict.Verdict);
        if (expected == Verdict.Nok)
        {
            var finding = Zone(verdict, "RR-2").Findings.Single();
            Assert.Equal("zone RR-2 \"rear rail node\": cluster of 2 pores closer than 1 mm, envelope Ø 1.8 mm > 1.2 mm", finding.Reason);
            Assert.Equal([0, 1], finding.DefectIndices);
        }
    }

    [Fact]
    public void Judge_ClusterWithinDiameterLimit_IsOk()
    {
        var rules = new PorosityRules(0.3, MaxPoreDiameterMm: 2.0, MinSpacingMm: 1.0);

        var verdict = Judge(With(RearRail(rules)), Pore(0, 50, 50, 0.4), Pore(1, 50.8, 50, 0.4));

        Assert.Equal(Verdict.Ok, verdict.Verdict);
    }

    [Theory]
    [InlineData(13.25, Verdict.Ok)] // 3 mm from the edge
    [InlineData(12.25, Verdict.Review)] // 2 mm: at the minimum
    [InlineData(11.75, Verdict.Nok)] // 1.5 mm
    [InlineData(10.0, Verdict.Nok)] // on the edge
    public void Judge_PoreNearSealingEdge_AgainstMinEdgeDistance(double x, Verdict expected)
    {
        var rules = new PorosityRules(0.2, MinEdgeDistanceMm: 2.0);

        var verdict = Judge(With(RearRail(rules, criticality: Criticality.Sealing)), Pore(0, x, 50, 0.5));

        Assert.Equal(expected, verdict.Verdict);
        if (x == 11.75)
        {
            Assert.Equal("zone RR-2 \"rear rail node\": pore Ø 0.5 mm 1.5 mm from the zone edge < 2 mm", verdict.Views[0].Reasons.Single());
        }
    }

    [Theory]
    [InlineData(Criticality.Structural, true, Verdict.Nok)]
    [InlineData(Criticality.Functional, false, Verdict.Nok)]
    [InlineData(Criticality.Functional, true, Verdict.Ok)]
    public void Judge_ColdShut_StructuralAlwaysNok(Criticality criticality, bool allowed, Verdict expected)
    {
        var zone = RearRail(coldShut: new ColdShutRules(allowed), criticality: criticality);

        var verdict = Judge(With(zone), ColdShut(0, 50, 50, 3.4));

        Assert.Equal(expected, verdict.Verdict);
        if (criticality == Criticality.Structural)
        {
            Assert.Equal("zone RR-2 \"rear rail node\": cold shut 3.4 mm long in a structural zone", Zone(verdict, "RR-2").Findings.Single().Reason);
        }
    }

    [Fact]
    public void Judge_ColdShutWithoutRules_IsForbidden()
    {
        var verdict = Judge(With(RearRail(MaxDiameter, coldShut: null, criticality: Criticality.Cosmetic)), ColdShut(0, 50, 50, 0.8));

        Assert.Equal(Verdict.Nok, verdict.Verdict);
        Assert.Equal(RuleKeys.ColdShutAllowed, Zone(verdict, "RR-2").Findings.Single().Rule);
    }

    [Theory]
    [InlineData(4.0, Verdict.Ok)]
    [InlineData(5.0, Verdict.Review)]
    [InlineData(5.4, Verdict.Review)]
    [InlineData(5.6, Verdict.Nok)]
    public void Judge_ColdShutLength_AgainstMaxLengthInLenientZone(double length, Verdict expected)
    {
        var zone = RearRail(coldShut: new ColdShutRules(true, 5.0), criticality: Criticality.Functional);

        var verdict = Judge(With(zone), ColdShut(0, 50, 50, length));

        Assert.Equal(expected, verdict.Verdict);
    }

    [Fact]
    public void Judge_UncertainPoreWithinLimits_GoesToReview()
    {
        var verdict = Judge(With(RearRail(MaxDiameter)), Pore(0, 50, 50, 0.5, confidence: 0.45));

        Assert.Equal(Verdict.Review, verdict.Verdict);
        Assert.Equal("zone RR-2 \"rear rail node\": pore Ø 0.5 mm uncertain (confidence 0.45 < 0.6)", Zone(verdict, "RR-2").Findings.Single().Reason);
    }

    [Fact]
    public void Judge_UncertainPoreOverLimit_IsReviewNotNok()
    {
        var verdict = Judge(With(RearRail(MaxDiameter)), Pore(0, 50, 50, 1.8, confidence: 0.45));

        Assert.Equal(Verdict.Review, verdict.Verdict);
    }

    [Fact]
    public void Judge_UncertainColdShutInStructuralZone_IsReview()
    {
        var verdict = Judge(With(RearRail(coldShut: new ColdShutRules(false))), ColdShut(0, 50, 50, 2, confidence: 0.5));

        Assert.Equal(Verdict.Review, verdict.Verdict);
    }

    [Fact]
    public void Judge_UncertainPoreTipsCountOverLimit_IsReview()
    {
        var rules = new PorosityRules(0.3, ReferenceArea: new ReferenceArea(ReferenceAreaShape.Circle, 10), MaxPoreCount: 1);
        var certainPore = Pore(0, 50, 50, 0.5);
        var uncertainPore = Pore(1, 52, 50, 0.5, confidence: 0.5);

        var verdict = Judge(With(RearRail(rules, margin: 0)), certainPore, uncertainPore);

        Assert.Equal(Verdict.Review, verdict.Verdict);
        Assert.Contains(Zone(verdict, "RR-2").Findings, f => f.Rule == RuleKeys.MaxPoreCount && f.Reason.EndsWith("counting uncertain pores", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_PoreStraddlingTwoZones_JudgedInEach()
    {
        var strict = RearRail(MaxDiameter) with { PolygonMm = [new(10, 10), new(50, 10), new(50, 90), new(10, 90)] };
        var lenient = new Zone("FL-3", "damper flange", [new(50, 10), new(90, 10), new(90, 90), new(50, 90)], Criticality.Functional,
            new PorosityRules(0.5, MaxPoreDiameterMm: 3.0), new ColdShutRules(true, 5), ReviewBand.Default);

        var verdict = Judge(With(strict, lenient), Pore(0, 50.2, 50, 1.8));

        Assert.Equal(["RR-2", "FL-3"], verdict.Views[0].Defects.Single().ZoneIds);
        Assert.Equal(Verdict.Nok, Zone(verdict, "RR-2").Verdict);
        Assert.Equal(Verdict.Ok, Zone(verdict, "FL-3").Verdict);
        Assert.Equal(Verdict.Nok, verdict.Verdict);
    }

    [Fact]
    public void Judge_PoreIgnoredInOneZoneJudgedInTheOther_IsNotIgnored()
    {
        var fine = RearRail(new PorosityRules(0.2, MaxPoreDiameterMm: 1.2)) with { PolygonMm = [new(10, 10), new(50, 10), new(50, 90), new(10, 90)] };
        var coarse = new Zone("FL-3", "damper flange", [new(50, 10), new(90, 10), new(90, 90), new(50, 90)], Criticality.Functional,
            new PorosityRules(0.5, MaxPoreDiameterMm: 3.0), null, ReviewBand.Default);

        var defect = Judge(With(fine, coarse), Pore(0, 50.1, 50, 0.4)).Views[0].Defects.Single();

        Assert.False(defect.Ignored);
    }

    [Fact]
    public void Judge_PoreWithUnmeasurableDiameter_IsNeverOk()
    {
        var verdict = Judge(With(RearRail(MaxDiameter)), Pore(0, 50, 50, 0.5) with { EquivalentDiameterMm = double.NaN });

        Assert.Equal(Verdict.Review, verdict.Verdict);
    }

    [Fact]
    public void Judge_PoreOutsideEveryZone_IsIgnored()
    {
        var verdict = Judge(With(RearRail(MaxDiameter)), Pore(0, 95, 95, 3));

        var defect = verdict.Views[0].Defects.Single();
        Assert.True(defect.Ignored);
        Assert.Equal("outside every zone", defect.IgnoredReason);
        Assert.Empty(defect.ZoneIds);
        Assert.Equal(Verdict.Ok, verdict.Verdict);
    }

    [Fact]
    public void Judge_ViewReviewReason_MakesTheViewReviewNeverOk()
    {
        var verdict = PartJudge.Judge(With(RearRail(MaxDiameter)), [new ViewObservation(ViewId, [], ["image quality: contrast-to-noise 1.9 < 2.5"])]);

        Assert.Equal(Verdict.Review, verdict.Verdict);
        Assert.Equal(["XR-1: image quality: contrast-to-noise 1.9 < 2.5"], verdict.Reasons);
    }

    [Fact]
    public void Judge_ViewReviewReasonAndNokZone_NokWins()
    {
        var verdict = PartJudge.Judge(With(RearRail(MaxDiameter)), [new ViewObservation(ViewId, [Pore(0, 50, 50, 2)], ["registration score 0.41 < 0.6"])]);

        Assert.Equal(Verdict.Nok, verdict.Verdict);
        Assert.Equal(2, verdict.Reasons.Count);
    }

    [Fact]
    public void Judge_ViewWithoutObservation_IsReview()
    {
        var program = PartProgramLoader.Load(Parts.SamplePartPrograms.UnderbodyPath);

        var verdict = PartJudge.Judge(program, [new ViewObservation("XR-1", [], [])]);

        Assert.Equal(Verdict.Review, verdict.Verdict);
        Assert.Equal(Verdict.Ok, verdict.Views[0].Verdict);
        Assert.Contains("XR-2: " + PartJudge.MissingViewReason, verdict.Reasons);
    }

    [Fact]
    public void Judge_ObservationOfUnknownView_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => PartJudge.Judge(With(RearRail()), [new ViewObservation("XR-9", [], [])]));

        Assert.Contains("XR-9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WorstViewWins()
    {
        var program = PartProgramLoader.Load(Parts.SamplePartPrograms.UnderbodyPath);
        var observations = program.Views.Select(v => new ViewObservation(v.Id, [], [])).ToList();
        observations[1] = observations[1] with { ReviewReasons = ["image quality"] };
        observations[4] = observations[4] with { Defects = [ColdShut(0, 40.96, 30.72, 1.0)] }; // SF-2 machined face: forbidden

        var verdict = PartJudge.Judge(program, observations);

        Assert.Equal([Verdict.Ok, Verdict.Review, Verdict.Ok, Verdict.Ok, Verdict.Nok], verdict.Views.Select(v => v.Verdict));
        Assert.Equal(Verdict.Nok, verdict.Verdict);
    }

    [Fact]
    public void Judge_UnderbodySample_LargePoreInRearRailNode()
    {
        var program = PartProgramLoader.Load(Parts.SamplePartPrograms.UnderbodyPath);
        var observations = program.Views.Select(v => new ViewObservation(v.Id, v.Id == "XR-2" ? [Pore(0, 12, 55, 1.8)] : [], [])).ToList();

        var verdict = PartJudge.Judge(program, observations);

        Assert.Equal(Verdict.Nok, verdict.Verdict);
        Assert.Equal(
            ["XR-2: zone RR-2 \"rear rail node\": pore Ø 1.8 mm > 1.2 mm", "XR-2: zone RR-2 \"rear rail node\": porosity 3.24 % of a Ø 10 mm circle > 2 %"],
            verdict.Reasons);
        Assert.Equal(1, verdict.PartProgramRevision);
    }

    [Fact]
    public void Judge_GenericWholeImageZone_UsesTheActualImageExtent()
    {
        var program = PartProgramLoader.Load(Parts.SamplePartPrograms.GenericPath).WithPixelSize("image", 0.05);
        var extent = new RectMm(0, 0, 4000 * 0.05, 3000 * 0.05);
        var farPore = Pore(0, 180, 140, 2.0); // beyond the nominal 1024-px frame

        var verdict = PartJudge.Judge(program, [new ViewObservation("image", [farPore], [], extent)]);

        Assert.Equal(["ALL"], verdict.Views[0].Defects.Single().ZoneIds);
        Assert.Equal(Verdict.Nok, verdict.Verdict);
        Assert.Equal(Polygon.FromRect(extent), ZoneGeometry.Resolve(program.Views[0].Zones[0], program.Views[0], extent));
    }

    [Fact]
    public void Judge_GenericWithoutExtent_StillHoldsEveryDefect()
    {
        var program = PartProgramLoader.Load(Parts.SamplePartPrograms.GenericPath);

        var verdict = PartJudge.Judge(program, [new ViewObservation("image", [Pore(0, 500, 500, 2.0)], [])]);

        Assert.Equal(Verdict.Nok, verdict.Verdict);
    }
}

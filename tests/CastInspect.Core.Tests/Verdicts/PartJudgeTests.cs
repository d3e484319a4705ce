using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using static CastInspect.Core.Tests.Verdicts.Defects;
using static CastInspect.Core.Tests.Verdicts.Programs;

namespace CastInspect.Core.Tests.Verdicts;

/// <summary>PartJudge on pores: diameter and REVIEW band, detection floor, count and area % per reference area, spacing, edge distance.</summary>
public partial class PartJudgeTests
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

    [Fact]
    public void Judge_PoreBelowModelNoiseFloor_ListedAsIgnoredAndNotJudged()
    {
        var verdict = Judge(With(RearRail(MaxDiameter)), Pore(0, 50, 50, 1.8) with { Screened = true });

        var defect = Assert.Single(verdict.Views[0].Defects);
        Assert.True(defect.Ignored);
        Assert.Equal(PartJudge.NoiseFloorReason, defect.IgnoredReason);
        Assert.Equal(["RR-2"], defect.ZoneIds);
        Assert.Equal(Verdict.Ok, verdict.Verdict);
    }

    [Fact]
    public void Judge_ColdShutScreenedByShape_ListedWithTheScreensReason()
    {
        const string reason = "ejector-pin witness mark: lies on a circle of Ø 9.0 mm (part program ejector_pin_marks)";

        var verdict = Judge(With(RearRail(MaxDiameter, new ColdShutRules(Allowed: false))), ColdShut(0, 50, 50, 8) with { Screened = true, ScreenReason = reason });

        var defect = Assert.Single(verdict.Views[0].Defects);
        Assert.True(defect.Ignored);
        Assert.Equal(reason, defect.IgnoredReason);
        Assert.Equal(Verdict.Ok, verdict.Verdict);
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
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using static CastInspect.Core.Tests.Verdicts.Defects;
using static CastInspect.Core.Tests.Verdicts.Programs;

namespace CastInspect.Core.Tests.Verdicts;

/// <summary>PartJudge across zones and views: straddling defects, view-level reasons, worst wins, whole-image programs.</summary>
public partial class PartJudgeTests
{
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
        Assert.Equal(2, verdict.PartProgramRevision);
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

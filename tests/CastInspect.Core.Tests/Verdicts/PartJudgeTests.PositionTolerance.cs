using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using static CastInspect.Core.Tests.Verdicts.Defects;
using static CastInspect.Core.Tests.Verdicts.Programs;

namespace CastInspect.Core.Tests.Verdicts;

/// <summary>PartJudge on a view that was not registered: defects within the position tolerance outside a zone.</summary>
public partial class PartJudgeTests
{
    private static PartVerdict JudgeUnregistered(double toleranceMm, params MeasuredDefect[] defects) =>
        PartJudge.Judge(With(RearRail(MaxDiameter)), [new ViewObservation(ViewId, defects, [], PositionUncertaintyMm: toleranceMm)]);

    [Fact]
    public void Judge_OversizedPoreJustOutsideZoneOnUnregisteredView_IsReviewWithTheTolerance()
    {
        var verdict = JudgeUnregistered(1.5, Pore(0, 91, 50, 1.8));

        Assert.Equal(Verdict.Review, verdict.Verdict);
        var finding = Assert.Single(Zone(verdict, "RR-2").Findings);
        Assert.Equal(Verdict.Review, finding.Outcome);
        Assert.Contains("pore Ø 1.8 mm > 1.2 mm, if it lies in the zone: 0.1 mm outside it as drawn", finding.Reason, StringComparison.Ordinal);
        Assert.Contains("position tolerance of 1.5 mm (view not registered)", finding.Reason, StringComparison.Ordinal);
        var defect = verdict.Views[0].Defects.Single();
        Assert.False(defect.Ignored);
        Assert.Equal(["RR-2"], defect.ZoneIds);
    }

    [Fact]
    public void Judge_OversizedPoreJustOutsideZoneOnRegisteredView_IsOkOutsideEveryZone()
    {
        var verdict = JudgeUnregistered(0, Pore(0, 91, 50, 1.8));

        Assert.Equal(Verdict.Ok, verdict.Verdict);
        Assert.Equal("outside every zone", verdict.Views[0].Defects.Single().IgnoredReason);
    }

    [Fact]
    public void Judge_PoreFartherOutThanTheTolerance_IsOk()
    {
        var verdict = JudgeUnregistered(1.5, Pore(0, 93, 50, 1.8));

        Assert.Equal(Verdict.Ok, verdict.Verdict);
        Assert.True(verdict.Views[0].Defects.Single().Ignored);
    }

    [Fact]
    public void Judge_ColdShutJustOutsideStructuralZone_IsReviewNeverNok()
    {
        var verdict = JudgeUnregistered(1.5, ColdShut(0, 50, 9.5, 12));

        Assert.Equal(Verdict.Review, verdict.Verdict);
        Assert.Contains("cold shut 12 mm long in a structural zone, if it lies in the zone: 0.4 mm outside it", Assert.Single(verdict.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_HeldPoreOverTheLimitWithAPoreJustOutside_StaysNok()
    {
        var verdict = JudgeUnregistered(1.5, Pore(0, 50, 50, 1.8), Pore(1, 91, 50, 1.8));

        Assert.Equal(Verdict.Nok, verdict.Verdict);
        Assert.Equal([Verdict.Nok, Verdict.Review], Zone(verdict, "RR-2").Findings.Select(f => f.Outcome));
    }

    [Fact]
    public void Judge_PoreJustOutsideWithinLimits_AddsNoFinding()
    {
        var verdict = JudgeUnregistered(1.5, Pore(0, 90.5, 50, 0.5));

        Assert.Equal(Verdict.Ok, verdict.Verdict);
        Assert.Empty(Zone(verdict, "RR-2").Findings);
    }
}

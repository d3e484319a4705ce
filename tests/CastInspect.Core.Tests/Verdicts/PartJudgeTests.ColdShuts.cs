using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using static CastInspect.Core.Tests.Verdicts.Defects;
using static CastInspect.Core.Tests.Verdicts.Programs;

namespace CastInspect.Core.Tests.Verdicts;

/// <summary>PartJudge on cold shuts and on defects the model is unsure of.</summary>
public partial class PartJudgeTests
{
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
}

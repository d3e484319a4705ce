using CastInspect.Core.Parts;
using CastInspect.Core.Tests.Verdicts;

namespace CastInspect.Core.Tests.Parts;

public sealed class ResolutionGapTests
{
    [Fact]
    public void Find_ZoneFloorBelowWhatA32PxNoiseFloorReports_NamesTheUnseenPoreSizes()
    {
        var program = Programs.With(Programs.RearRail(new PorosityRules(0.3, MaxPoreDiameterMm: 1.2)));

        var gap = Assert.Single(ResolutionGap.Find(program, new Dictionary<Modality, int> { [Modality.Xray] = 32 }));

        Assert.Equal(("XR-1", "RR-2", 0.638), (gap.ViewId, gap.Zone.Id, gap.SmallestPoreMm));
        Assert.False(gap.LimitUnseen);
        Assert.Contains("judges pores from Ø 0.3 mm, but its model reports none below Ø 0.638 mm (noise floor 32 px at 0.1 mm/px)", gap.Describe(), StringComparison.Ordinal);
        Assert.Contains("pores of Ø 0.3–0.638 mm pass unseen", gap.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Find_PoreLimitAtOrBelowTheSmallestReportedPore_SaysAPoreOverTheLimitCanPassUnseen()
    {
        var program = Programs.With(Programs.RearRail(new PorosityRules(0.2, MaxPoreDiameterMm: 0.6)));

        var gap = Assert.Single(ResolutionGap.Find(program, new Dictionary<Modality, int> { [Modality.Xray] = 32 }));

        Assert.True(gap.LimitUnseen);
        Assert.Contains("largest allowed pore Ø 0.6 mm is itself at or below that", gap.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Find_FloorTheModelResolvesOrNoModelForTheView_FindsNothing()
    {
        var program = Programs.With(Programs.RearRail(new PorosityRules(0.3, MaxPoreDiameterMm: 1.2)), Programs.RearRail() with { Id = "CS-1" });

        Assert.Empty(ResolutionGap.Find(program, new Dictionary<Modality, int> { [Modality.Xray] = 4 }));
        Assert.Empty(ResolutionGap.Find(program, new Dictionary<Modality, int> { [Modality.Surface] = 32 }));
    }
}

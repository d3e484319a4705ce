using CastInspect.Core.Verdicts;

namespace CastInspect.Core.Tests.Verdicts;

public class LimitBandTests
{
    [Theory]
    [InlineData(2.0, Verdict.Ok)] // just outside the band
    [InlineData(2.25, Verdict.Review)] // lower edge of the band, included
    [InlineData(2.5, Verdict.Review)]
    [InlineData(2.75, Verdict.Review)] // upper edge of the band, included
    [InlineData(2.8, Verdict.Nok)]
    [InlineData(double.NaN, Verdict.Review)]
    public void AtMost_LimitTwoAndAHalfMarginTenPercent(double measured, Verdict expected) =>
        Assert.Equal(expected, LimitBand.AtMost(measured, 2.5, 0.1));

    [Theory]
    [InlineData(1.7, Verdict.Nok)]
    [InlineData(1.8, Verdict.Review)]
    [InlineData(2.2, Verdict.Review)]
    [InlineData(2.3, Verdict.Ok)]
    [InlineData(double.NaN, Verdict.Review)]
    public void AtLeast_LimitTwoMarginTenPercent(double measured, Verdict expected) =>
        Assert.Equal(expected, LimitBand.AtLeast(measured, 2.0, 0.1));

    [Fact]
    public void CapAtReview_OnlyLowersNok()
    {
        Assert.Equal(Verdict.Review, LimitBand.CapAtReview(Verdict.Nok));
        Assert.Equal(Verdict.Review, LimitBand.CapAtReview(Verdict.Review));
        Assert.Equal(Verdict.Ok, LimitBand.CapAtReview(Verdict.Ok));
    }
}

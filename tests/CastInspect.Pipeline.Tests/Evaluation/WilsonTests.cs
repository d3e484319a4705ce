using CastInspect.Pipeline.Evaluation;

namespace CastInspect.Pipeline.Tests.Evaluation;

public sealed class WilsonTests
{
    [Theory]
    [InlineData(362, 377, 0.9401)]
    [InlineData(420, 460, 0.8889)]
    [InlineData(30, 30, 0.9173)]
    public void LowerBound_SharesOfAFewHundred_MatchTheWilsonIntervalAt95Percent(int successes, int trials, double expected)
    {
        Assert.Equal(expected, Wilson.LowerBound(successes, trials, 0.95)!.Value, 3);
    }

    [Fact]
    public void LowerBound_NoTrials_IsNull()
    {
        Assert.Null(Wilson.LowerBound(0, 0, 0.95));
    }

    [Fact]
    public void LowerBound_ConfidenceOfOne_ThrowsSayingWhatToGive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Wilson.LowerBound(1, 2, 1));

        Assert.Contains("between 0.5 and 1", error.Message, StringComparison.Ordinal);
    }
}

using CastInspect.Core.Parts;

namespace CastInspect.Core.Verdicts;

/// <summary>
/// How a measurement compares with a limit and its review band (<see cref="ReviewBand.MarginFraction"/> = m).
/// For a maximum L: above L·(1+m) is NOK, from L·(1−m) to L·(1+m) inclusive is REVIEW, below L·(1−m) is OK.
/// For a minimum L: below L·(1−m) is NOK, from L·(1−m) to L·(1+m) inclusive is REVIEW, above is OK.
/// With m = 0 there is no band: a maximum is OK up to and at L, a minimum is OK at and above L.
/// A measurement that is not a number (a measurement fault upstream) is never OK: it gives REVIEW.
/// </summary>
public static class LimitBand
{
    public static Verdict AtMost(double measured, double limit, double margin)
    {
        if (double.IsNaN(measured))
        {
            return Verdict.Review;
        }

        if (measured > limit * (1 + margin))
        {
            return Verdict.Nok;
        }

        return margin > 0 && measured >= limit * (1 - margin) ? Verdict.Review : Verdict.Ok;
    }

    public static Verdict AtLeast(double measured, double limit, double margin)
    {
        if (double.IsNaN(measured))
        {
            return Verdict.Review;
        }

        if (measured < limit * (1 - margin))
        {
            return Verdict.Nok;
        }

        return margin > 0 && measured <= limit * (1 + margin) ? Verdict.Review : Verdict.Ok;
    }

    public static Verdict Worst(Verdict a, Verdict b) => a > b ? a : b;

    public static Verdict Worst(IEnumerable<Verdict> verdicts) => verdicts.Aggregate(Verdict.Ok, Worst);

    /// <summary>An uncertain measurement can at most send the part to a person: NOK becomes REVIEW.</summary>
    public static Verdict CapAtReview(Verdict v) => v == Verdict.Nok ? Verdict.Review : v;
}

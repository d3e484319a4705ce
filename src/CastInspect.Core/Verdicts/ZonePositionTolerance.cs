using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using static CastInspect.Core.Invariant;

namespace CastInspect.Core.Verdicts;

/// <summary>
/// A zone drawn on a view that was not registered lies where the fixture put the part, within the view's position
/// tolerance. A defect just outside the drawn zone may lie in it: the zone is judged again with those defects in it, and
/// what they would fail sends the zone to REVIEW (never NOK: the defect may as well lie outside).
/// </summary>
internal static class ZonePositionTolerance
{
    /// <param name="held">The zone judged on the defects it holds.</param>
    /// <param name="heldDefects">The unscreened defects the drawn zone holds.</param>
    /// <param name="candidates">Every unscreened defect of the view.</param>
    /// <param name="toleranceMm">How far the zone may lie from where it is drawn.</param>
    public static ZoneResult Widen(
        Zone zone, IReadOnlyList<PointMm> outline, ZoneResult held, IReadOnlyList<MeasuredDefect> heldDefects, IReadOnlyList<MeasuredDefect> candidates, double toleranceMm)
    {
        var heldIndices = heldDefects.Select(d => d.Index).ToHashSet();
        var gaps = candidates
            .Where(d => !heldIndices.Contains(d.Index))
            .Select(d => (d.Index, Gap: Polygon.DistanceBetweenOutlines(ZoneGeometry.Shape(d), outline)))
            .Where(x => x.Gap <= toleranceMm)
            .ToDictionary(x => x.Index, x => x.Gap);
        if (gaps.Count == 0)
        {
            return held;
        }

        var widened = new ZoneJudge(zone, outline).Judge([.. heldDefects, .. candidates.Where(d => gaps.ContainsKey(d.Index))]);
        var extra = widened.Verdict.Findings
            .Where(f => f.Outcome != Verdict.Ok && f.DefectIndices.Any(gaps.ContainsKey))
            .Select(f => f with
            {
                Outcome = LimitBand.CapAtReview(f.Outcome),
                Reason = $"{f.Reason}, if it lies in the zone: {Num(f.DefectIndices.Where(gaps.ContainsKey).Min(i => gaps[i]))} mm outside it as drawn, within the view's position tolerance of {Num(toleranceMm)} mm (view not registered)",
            })
            .ToList();
        if (extra.Count == 0)
        {
            return held;
        }

        var findings = held.Verdict.Findings.Concat(extra).ToList();
        var verdict = LimitBand.Worst(findings.Select(f => f.Outcome));
        var judged = held.Judged.Union(extra.SelectMany(f => f.DefectIndices)).ToHashSet();
        return new ZoneResult(held.Verdict with { Verdict = verdict, Findings = findings }, judged, held.Ignored);
    }
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using static CastInspect.Core.Invariant;

namespace CastInspect.Core.Verdicts;

/// <summary>What judging one zone gave: its verdict, the defects its rules judged, and why it ignored others.</summary>
internal sealed record ZoneResult(ZoneVerdict Verdict, IReadOnlySet<int> Judged, IReadOnlyDictionary<int, string> Ignored);

/// <summary>
/// Judges the defects lying in one zone against its rules. Defects below the porosity detection floor are ignored; a defect
/// whose confidence is below its class threshold can at most give REVIEW, and group rules (count, area %, clusters) are
/// judged on the certain pores with full effect and on all pores capped at REVIEW.
/// </summary>
internal sealed class ZoneJudge
{
    private readonly Zone zone;
    private readonly IReadOnlyList<PointMm> outline;
    private readonly double margin;
    private readonly List<RuleFinding> findings = [];
    private readonly Dictionary<int, string> ignored = [];
    private readonly HashSet<int> judged = [];

    public ZoneJudge(Zone zone, IReadOnlyList<PointMm> outline)
    {
        this.zone = zone;
        this.outline = outline;
        margin = zone.Review.MarginFraction;
    }

    private string Prefix => Wording.Zone(zone);

    public ZoneResult Judge(IReadOnlyList<MeasuredDefect> defects)
    {
        JudgePorosity([.. defects.Where(d => d.Class == DefectClass.Porosity)]);
        foreach (var shut in defects.Where(d => d.Class == DefectClass.ColdShut))
        {
            judged.Add(shut.Index);
            JudgeColdShut(shut);
        }

        var verdict = LimitBand.Worst(findings.Select(f => f.Outcome));
        return new ZoneResult(new ZoneVerdict(zone.Id, zone.Name, verdict, findings), judged, ignored);
    }

    private void JudgePorosity(IReadOnlyList<MeasuredDefect> pores)
    {
        if (zone.Porosity is not { } rules)
        {
            foreach (var p in pores)
            {
                ignored[p.Index] = $"zone {zone.Id} has no porosity rules";
            }

            return;
        }

        var minConfidence = zone.Review.MinPorosityConfidence;
        var inScope = new List<MeasuredDefect>();
        foreach (var p in pores)
        {
            if (p.EquivalentDiameterMm < rules.DetectionFloorMm)
            {
                ignored[p.Index] = $"Ø {Num(p.EquivalentDiameterMm)} mm below the detection floor {Num(rules.DetectionFloorMm)} mm of zone {zone.Id}";
            }
            else
            {
                inScope.Add(p);
                judged.Add(p.Index);
            }
        }

        foreach (var p in inScope)
        {
            JudgePore(p, rules, minConfidence);
        }

        var certain = inScope.Where(p => p.MeanConfidence >= minConfidence).ToList();
        if (rules.ReferenceArea is { } area && inScope.Count > 0)
        {
            JudgeReferenceArea(area, rules, certain, inScope);
        }

        if (rules.MinSpacingMm is { } spacing && rules.MaxPoreDiameterMm is { } maxDiameter)
        {
            JudgeClusters(spacing, maxDiameter, certain, inScope);
        }
    }

    private void JudgePore(MeasuredDefect pore, PorosityRules rules, double minConfidence)
    {
        var own = new List<RuleFinding>();
        var d = pore.EquivalentDiameterMm;
        if (rules.MaxPoreDiameterMm is { } max && LimitBand.AtMost(d, max, margin) is var v && v != Verdict.Ok)
        {
            own.Add(Finding(RuleKeys.MaxPoreDiameter, v, d, max, "mm", $"pore Ø {Num(d)} mm {Wording.AgainstMax(v, max, "mm", margin)}", [pore.Index]));
        }

        if (rules.MinEdgeDistanceMm is { } minEdge)
        {
            var distance = Polygon.DistanceBetweenOutlines(ZoneGeometry.Shape(pore), outline);
            var e = LimitBand.AtLeast(distance, minEdge, margin);
            if (e != Verdict.Ok)
            {
                own.Add(Finding(RuleKeys.MinEdgeDistance, e, distance, minEdge, "mm",
                    $"pore Ø {Num(d)} mm {Num(distance)} mm from the zone edge {Wording.AgainstMin(e, minEdge, "mm", margin)}", [pore.Index]));
            }
        }

        AddOwn(pore, own, minConfidence, RuleKeys.MinPorosityConfidence, $"pore Ø {Num(d)} mm");
    }

    private void JudgeColdShut(MeasuredDefect shut)
    {
        var rules = zone.ColdShut ?? new ColdShutRules(Allowed: false);
        var length = shut.LengthMm;
        var what = $"cold shut {Num(length)} mm long";
        var own = new List<RuleFinding>();
        if (zone.Criticality == Criticality.Structural)
        {
            own.Add(Finding(RuleKeys.ColdShutAllowed, Verdict.Nok, length, 0, "mm", $"{what} in a structural zone", [shut.Index]));
        }
        else if (!rules.Allowed)
        {
            own.Add(Finding(RuleKeys.ColdShutAllowed, Verdict.Nok, length, 0, "mm", $"{what}, not allowed in this zone", [shut.Index]));
        }
        else if (rules.MaxLengthMm is { } max && LimitBand.AtMost(length, max, margin) is var v && v != Verdict.Ok)
        {
            own.Add(Finding(RuleKeys.ColdShutMaxLength, v, length, max, "mm", $"{what} {Wording.AgainstMax(v, max, "mm", margin)}", [shut.Index]));
        }

        AddOwn(shut, own, zone.Review.MinColdShutConfidence, RuleKeys.MinColdShutConfidence, what);
    }

    // A defect's own findings; when it is uncertain they are capped at REVIEW, and it is sent to REVIEW even when within every limit.
    private void AddOwn(MeasuredDefect defect, List<RuleFinding> own, double minConfidence, string confidenceRule, string what)
    {
        if (defect.MeanConfidence >= minConfidence)
        {
            findings.AddRange(own);
            return;
        }

        var uncertain = Wording.Uncertain(defect.MeanConfidence, minConfidence);
        if (own.Count == 0)
        {
            findings.Add(Finding(confidenceRule, Verdict.Review, defect.MeanConfidence, minConfidence, "confidence", $"{what} {uncertain}", [defect.Index]));
            return;
        }

        findings.AddRange(own.Select(f => f with
        {
            Outcome = LimitBand.CapAtReview(f.Outcome),
            Reason = $"{f.Reason}, {uncertain}",
        }));
    }

    private void JudgeReferenceArea(ReferenceArea area, PorosityRules rules, List<MeasuredDefect> certain, List<MeasuredDefect> all)
    {
        var where = Wording.Area(area);
        if (rules.MaxPoreCount is { } maxCount)
        {
            AddGroup(certain, all, pores => Search(area, pores, _ => 1), maxCount, RuleKeys.MaxPoreCount, "count",
                (v, n) => $"{Num(n)} pores in a {where} {Wording.AgainstMax(v, maxCount, "count", margin)}");
        }

        if (rules.MaxAreaPercent is { } maxPercent)
        {
            AddGroup(certain, all, pores => Search(area, pores, p => p.AreaMm2 * 100 / area.AreaMm2), maxPercent, RuleKeys.MaxAreaPercent, "%",
                (v, pct) => $"porosity {Num(pct)} % of a {where} {Wording.AgainstMax(v, maxPercent, "%", margin)}");
        }
    }

    private void AddGroup(
        List<MeasuredDefect> certain,
        List<MeasuredDefect> all,
        Func<List<MeasuredDefect>, (double Value, IReadOnlyList<int> Members)> measure,
        double limit,
        string rule,
        string unit,
        Func<Verdict, double, string> reason)
    {
        var sure = measure(certain);
        var sureVerdict = certain.Count == 0 ? Verdict.Ok : LimitBand.AtMost(sure.Value, limit, margin);
        var any = all.Count == certain.Count ? sure : measure(all);
        var anyVerdict = LimitBand.CapAtReview(LimitBand.AtMost(any.Value, limit, margin));
        if (sureVerdict >= anyVerdict)
        {
            if (sureVerdict != Verdict.Ok)
            {
                findings.Add(Finding(rule, sureVerdict, sure.Value, limit, unit, reason(sureVerdict, sure.Value), sure.Members));
            }
        }
        else
        {
            var raw = LimitBand.AtMost(any.Value, limit, margin);
            findings.Add(Finding(rule, anyVerdict, any.Value, limit, unit, reason(raw, any.Value) + ", counting uncertain pores", any.Members));
        }
    }

    private static (double Value, IReadOnlyList<int> Members) Search(ReferenceArea area, List<MeasuredDefect> pores, Func<MeasuredDefect, double> weight)
    {
        var points = pores.Select(p => p.CentroidMm).ToList();
        var weights = pores.Select(weight).ToList();
        var best = area.Shape == ReferenceAreaShape.Circle
            ? ReferenceAreaSearch.MaxInCircle(points, weights, area.SizeMm)
            : ReferenceAreaSearch.MaxInSquare(points, weights, area.SizeMm);
        return (best.Total, [.. best.Members.Select(i => pores[i].Index)]);
    }

    private void JudgeClusters(double spacing, double maxDiameter, List<MeasuredDefect> certain, List<MeasuredDefect> all)
    {
        var firm = PoreClusters.Find(certain, spacing, gap => LimitBand.AtLeast(gap, spacing, margin) == Verdict.Nok);
        var reported = new List<(IReadOnlyList<MeasuredDefect> Members, Verdict Outcome)>();
        foreach (var cluster in firm)
        {
            var envelope = PoreClusters.EnvelopeDiameter(cluster);
            var v = LimitBand.AtMost(envelope, maxDiameter, margin);
            if (v != Verdict.Ok)
            {
                reported.Add((cluster, v));
                findings.Add(Finding(RuleKeys.MinSpacing, v, envelope, maxDiameter, "mm",
                    $"cluster of {Num(cluster.Count)} pores closer than {Num(spacing)} mm, envelope Ø {Num(envelope)} mm {Wording.AgainstMax(v, maxDiameter, "mm", margin)}",
                    [.. cluster.Select(p => p.Index)]));
            }
        }

        var minConfidence = zone.Review.MinPorosityConfidence;
        foreach (var cluster in PoreClusters.Find(all, spacing * (1 + margin), gap => LimitBand.AtLeast(gap, spacing, margin) != Verdict.Ok))
        {
            var envelope = PoreClusters.EnvelopeDiameter(cluster);
            var raw = LimitBand.AtMost(envelope, maxDiameter, margin);
            var v = LimitBand.CapAtReview(raw);
            var indices = cluster.Select(p => p.Index).ToHashSet();
            if (v == Verdict.Ok || reported.Any(r => r.Outcome >= v && r.Members.All(m => indices.Contains(m.Index))))
            {
                continue;
            }

            var why = cluster.Any(p => p.MeanConfidence < minConfidence) ? "with uncertain pores" : $"about {Num(spacing)} mm apart";
            findings.Add(Finding(RuleKeys.MinSpacing, v, envelope, maxDiameter, "mm",
                $"cluster of {Num(cluster.Count)} pores {why} (min spacing {Num(spacing)} mm), envelope Ø {Num(envelope)} mm {Wording.AgainstMax(raw, maxDiameter, "mm", margin)}",
                [.. cluster.Select(p => p.Index).Order()]));
        }
    }

    private RuleFinding Finding(string rule, Verdict outcome, double measured, double limit, string unit, string text, IReadOnlyList<int> defects) =>
        new(rule, outcome, measured, limit, unit, Prefix + text, defects);
}

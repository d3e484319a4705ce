using System.Globalization;
using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;

namespace CastInspect.Pipeline.Interim;

/// <summary>
/// A reduced judge (detection floor, largest pore, cold shuts, confidence) standing in until the Core judge lands on main.
/// </summary>
internal static class InterimJudge
{
    public static PartVerdict Judge(PartProgram program, IReadOnlyList<ViewObservation> observations)
    {
        var views = observations.Select(o => JudgeView(program.FindView(o.ViewId)!, o)).ToList();
        var verdict = views.Count == 0 ? Verdict.Ok : views.Max(v => v.Verdict);
        return new PartVerdict(program.PartNumber, program.Revision, verdict, views, views.SelectMany(v => v.Reasons).ToList());
    }

    private static ViewVerdict JudgeView(ViewDefinition view, ViewObservation observation)
    {
        var zones = new List<ZoneVerdict>();
        var zoneIds = observation.Defects.ToDictionary(d => d.Index, _ => new List<string>());
        var ignored = new Dictionary<int, string>();
        foreach (var zone in view.Zones)
        {
            var findings = new List<RuleFinding>();
            foreach (var d in observation.Defects.Where(d => Inside(zone.PolygonMm, d.CentroidMm)))
            {
                zoneIds[d.Index].Add(zone.Id);
                if (d.Class == DefectClass.Porosity)
                {
                    JudgePore(zone, d, findings, ignored);
                }
                else
                {
                    JudgeColdShut(zone, d, findings);
                }
            }

            var worst = findings.Count == 0 ? Verdict.Ok : findings.Max(f => f.Outcome);
            zones.Add(new ZoneVerdict(zone.Id, zone.Name, worst, findings));
        }

        var judged = observation.Defects
            .Select(d => new JudgedDefect(d, zoneIds[d.Index], ignored.ContainsKey(d.Index), ignored.GetValueOrDefault(d.Index)))
            .ToList();
        var reasons = observation.ReviewReasons.Concat(zones.SelectMany(z => z.Findings.Select(f => f.Reason))).ToList();
        var verdict = zones.Select(z => z.Verdict).Append(observation.ReviewReasons.Count > 0 ? Verdict.Review : Verdict.Ok).Max();
        return new ViewVerdict(view.Id, verdict, zones, judged, reasons);
    }

    private static void JudgePore(Zone zone, MeasuredDefect d, List<RuleFinding> findings, Dictionary<int, string> ignored)
    {
        var rules = zone.Porosity;
        if (rules is null)
        {
            ignored[d.Index] = "pores are not judged in this zone";
            return;
        }

        if (d.EquivalentDiameterMm < rules.DetectionFloorMm)
        {
            ignored[d.Index] = string.Create(CultureInfo.InvariantCulture, $"below detection floor {rules.DetectionFloorMm} mm");
            return;
        }

        if (d.MeanConfidence < zone.Review.MinPorosityConfidence)
        {
            findings.Add(Finding(zone, "min_porosity_confidence", Verdict.Review, d.MeanConfidence, zone.Review.MinPorosityConfidence, "", "uncertain pore", d));
        }

        if (rules.MaxPoreDiameterMm is { } limit)
        {
            var outcome = d.EquivalentDiameterMm > limit ? Verdict.Nok
                : d.EquivalentDiameterMm >= limit * (1 - zone.Review.MarginFraction) ? Verdict.Review : Verdict.Ok;
            if (outcome != Verdict.Ok)
            {
                findings.Add(Finding(zone, "max_pore_diameter_mm", outcome, d.EquivalentDiameterMm, limit, "mm", "pore Ø", d));
            }
        }
    }

    private static void JudgeColdShut(Zone zone, MeasuredDefect d, List<RuleFinding> findings)
    {
        var rules = zone.ColdShut;
        if (rules is null || !rules.Allowed || zone.Criticality == Criticality.Structural || rules.MaxLengthMm is not { } limit)
        {
            findings.Add(Finding(zone, "cold_shut_allowed", Verdict.Nok, d.LengthMm, 0, "mm", "cold shut not allowed, length", d));
            return;
        }

        if (d.LengthMm > limit)
        {
            findings.Add(Finding(zone, "max_cold_shut_length_mm", Verdict.Nok, d.LengthMm, limit, "mm", "cold shut length", d));
        }
        else if (d.MeanConfidence < zone.Review.MinColdShutConfidence)
        {
            findings.Add(Finding(zone, "min_cold_shut_confidence", Verdict.Review, d.MeanConfidence, zone.Review.MinColdShutConfidence, "", "uncertain cold shut", d));
        }
    }

    private static RuleFinding Finding(Zone zone, string rule, Verdict outcome, double measured, double limit, string unit, string what, MeasuredDefect d) =>
        new(rule, outcome, measured, limit, unit,
            string.Create(CultureInfo.InvariantCulture, $"zone {zone.Id} \"{zone.Name}\": {what} {measured:0.##} {unit} vs limit {limit:0.##} {unit}"),
            [d.Index]);

    private static bool Inside(IReadOnlyList<PointMm> polygon, PointMm p)
    {
        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            if ((polygon[i].Y > p.Y) != (polygon[j].Y > p.Y) &&
                p.X < ((polygon[j].X - polygon[i].X) * (p.Y - polygon[i].Y) / (polygon[j].Y - polygon[i].Y)) + polygon[i].X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}

using CastInspect.Core.Parts;

namespace CastInspect.Core.Verdicts;

/// <summary>
/// Sentences a part: each view's defects are judged in every zone they touch against that zone's rules, and the worst
/// outcome wins (NOK &gt; REVIEW &gt; OK) per zone, per view and per part. On a view that was not registered, a defect
/// within the view's position tolerance outside a zone is judged in it too, at most REVIEW
/// (<see cref="ZonePositionTolerance"/>). Rule semantics: docs/part-programs.md.
/// Deterministic: the result does not depend on the order of the defects or observations.
/// </summary>
public static class PartJudge
{
    /// <summary>The view-level reason given when a view of the part program has no observation.</summary>
    public const string MissingViewReason = "no image received for this view";

    /// <summary>Why a defect smaller than the model's noise floor is listed but not judged.</summary>
    public const string NoiseFloorReason = "below the model's noise floor (manifest min_area_px)";

    /// <exception cref="ArgumentException">An observation names a view the part program lacks, or a view is observed twice.</exception>
    public static PartVerdict Judge(PartProgram program, IReadOnlyList<ViewObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(observations);
        var byView = new Dictionary<string, ViewObservation>(StringComparer.Ordinal);
        foreach (var o in observations)
        {
            if (program.FindView(o.ViewId) is null)
            {
                throw new ArgumentException($"view '{o.ViewId}' is not in part program {program.PartNumber} revision {program.Revision}", nameof(observations));
            }

            if (!byView.TryAdd(o.ViewId, o))
            {
                throw new ArgumentException($"view '{o.ViewId}' observed more than once", nameof(observations));
            }
        }

        var views = program.Views
            .Select(v => byView.TryGetValue(v.Id, out var o)
                ? JudgeView(v, o)
                : new ViewVerdict(v.Id, Verdict.Review, [], [], [MissingViewReason]))
            .ToList();
        var reasons = views.SelectMany(v => v.Reasons.Select(r => $"{v.ViewId}: {r}")).ToList();
        return new PartVerdict(program.PartNumber, program.Revision, LimitBand.Worst(views.Select(v => v.Verdict)), views, reasons);
    }

    /// <summary>Judges one view. View-level review reasons (image quality, registration) make it at least REVIEW.</summary>
    public static ViewVerdict JudgeView(ViewDefinition view, ViewObservation observation)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(observation);
        var defects = observation.Defects.OrderBy(d => d.Index).ToList();
        if (defects.GroupBy(d => d.Index).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"view '{view.Id}': defect index {twice.Key} appears more than once", nameof(observation));
        }

        var zoneIds = defects.ToDictionary(d => d.Index, _ => new List<string>());
        var judged = new HashSet<int>();
        var ignored = defects.ToDictionary(d => d.Index, _ => new List<string>());
        var zones = new List<ZoneVerdict>();
        var unscreened = defects.Where(d => !d.Screened).ToList();
        foreach (var zone in view.Zones)
        {
            var outline = ZoneGeometry.Resolve(zone, view, observation.ImageExtentMm);
            var inZone = defects.Where(d => ZoneGeometry.Holds(zone, outline, d)).ToList();
            var heldDefects = inZone.Where(d => !d.Screened).ToList();
            var result = new ZoneJudge(zone, outline).Judge(heldDefects);
            if (observation.PositionUncertaintyMm > 0 && !zone.WholeImage)
            {
                result = ZonePositionTolerance.Widen(zone, outline, result, heldDefects, unscreened, observation.PositionUncertaintyMm);
            }

            foreach (var d in inZone.Select(d => d.Index).Union(result.Judged))
            {
                zoneIds[d].Add(zone.Id);
            }

            zones.Add(result.Verdict);
            judged.UnionWith(result.Judged);
            foreach (var (index, reason) in result.Ignored)
            {
                ignored[index].Add(reason);
            }
        }

        var judgedDefects = defects.Select(d =>
        {
            var ids = zoneIds[d.Index];
            if (d.Screened)
            {
                return new JudgedDefect(d, ids, true, d.ScreenReason ?? NoiseFloorReason);
            }

            if (ids.Count == 0)
            {
                return new JudgedDefect(d, ids, true, "outside every zone");
            }

            return judged.Contains(d.Index)
                ? new JudgedDefect(d, ids, false, null)
                : new JudgedDefect(d, ids, true, string.Join("; ", ignored[d.Index]));
        }).ToList();

        var verdict = LimitBand.Worst(zones.Select(z => z.Verdict));
        if (observation.ReviewReasons.Count > 0)
        {
            verdict = LimitBand.Worst(verdict, Verdict.Review);
        }

        var reasons = observation.ReviewReasons
            .Concat(zones.SelectMany(z => z.Findings.Select(f => f.Reason)))
            .ToList();
        return new ViewVerdict(view.Id, verdict, zones, judgedDefects, reasons);
    }
}

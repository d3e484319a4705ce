using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>Tuning for parts (<see cref="TuneObjective.ForParts"/>): the validation parts judged whole, as <c>eval</c>
/// judges them, so that each point of one class is counted in missed NOK parts with the other class at its chosen point.</summary>
public static partial class ThresholdTuner
{
    /// <summary>Porosity at its own best first; cold shuts for the fewest missed NOK parts with those pores; porosity then
    /// for the fewest missed NOK parts with those cold shuts (its point, then its measuring level among those that measure
    /// about as well); cold shuts once more where the porosity point or level moved. Both
    /// chosen points carry the parts judged whole at the two, also where a class has no point within its bounds.</summary>
    private static (ClassTuning Pores, ClassTuning Seams) ChooseForParts(Sweep sweep, TuneObjective objective)
    {
        var (poreList, seamList) = (sweep.Of(DefectClass.Porosity), sweep.Of(DefectClass.ColdShut));
        var (poresByExtraction, seamsByExtraction) = (ByExtraction(poreList), ByExtraction(seamList));
        var (nok, defectFree) = (ExpectedNok(sweep), DefectFree(sweep));
        HashSet<string> FailedBySeams(ClassTuning seams) => FailedBy(sweep, Kept(seamsByExtraction, seams.Chosen, null));
        PoreParts PoresAt(double? fraction, HashSet<string> failedBySeams) => new(sweep, poresByExtraction, fraction, failedBySeams, nok, defectFree);
        ClassTuning ChoosePores(ClassTuning basis, ClassTuning seams)
        {
            var failed = FailedBySeams(seams);
            return Choose(DefectClass.Porosity, poreList, sweep, objective, PoresAt(basis.MeasureAtPeakFraction, failed), f => PoresAt(f, failed));
        }

        ClassTuning ChooseSeams(ClassTuning pores) =>
            Choose(DefectClass.ColdShut, seamList, sweep, objective, new JudgedParts(FailedByPores(sweep, poresByExtraction, pores), nok, defectFree));

        var first = Choose(DefectClass.Porosity, poreList, sweep, objective);
        var seams = ChooseSeams(first);
        var pores = ChoosePores(first, seams);
        if (!SamePoint(pores, first))
        {
            seams = ChooseSeams(pores);
        }

        var whole = PoresAt(pores.MeasureAtPeakFraction, FailedBySeams(seams)).Count(pores.Chosen, []);
        return (pores with { Chosen = pores.Chosen with { Parts = whole } }, seams with { Chosen = seams.Chosen with { Parts = whole } });
    }

    private static bool SamePoint(ClassTuning a, ClassTuning b) =>
        a.MeasureAtPeakFraction == b.MeasureAtPeakFraction
        && (a.Chosen.Threshold, a.Chosen.GrowThreshold, a.Chosen.MinAreaPx, a.Chosen.MinSecondLookScore) == (b.Chosen.Threshold, b.Chosen.GrowThreshold, b.Chosen.MinAreaPx, b.Chosen.MinSecondLookScore);

    private static ILookup<(float, double?, double?), TunedComponent> ByExtraction(IEnumerable<TunedComponent> components) =>
        components.ToLookup(x => (x.Threshold, x.MeasureFraction, x.LinkDistanceMm));

    /// <summary>The components a point keeps, as <see cref="OperatingPoints"/> filters them, at one measuring level.</summary>
    private static List<TunedComponent> Kept(ILookup<(float, double?, double?), TunedComponent> byExtraction, OperatingPoint p, double? fraction)
    {
        var spanning = Spanning(byExtraction, p.Threshold, p.GrowThreshold, fraction, p.LinkDistanceMm);
        var shaped = p.MinAspectRatio is { } least ? spanning.Where(x => x.AspectRatio >= least).ToList() : spanning;
        return Looked(shaped, p.MinSecondLookScore).Where(x => x.AreaPx >= p.MinAreaPx).ToList();
    }

    /// <summary>The parts failed by <paramref name="keptColdShuts"/> (each fails its part alone) or by a view's review reasons.</summary>
    private static HashSet<string> FailedBy(Sweep sweep, IEnumerable<TunedComponent> keptColdShuts)
    {
        var failed = keptColdShuts.Select(x => x.FailsAloneOn).OfType<string>().ToHashSet(StringComparer.Ordinal);
        failed.UnionWith(sweep.Views.Values.Where(v => v.Empty.ReviewReasons.Count > 0).Select(v => v.Serial));
        return failed;
    }

    /// <summary>The parts the chosen porosity point fails: every swept view judged whole with the pores kept at that point
    /// and its measuring level, and with its review reasons.</summary>
    private static HashSet<string> FailedByPores(Sweep sweep, ILookup<(float, double?, double?), TunedComponent> poresByExtraction, ClassTuning pores)
    {
        var kept = Kept(poresByExtraction, pores.Chosen, pores.MeasureAtPeakFraction).ToLookup(x => x.ViewKey, x => x.Measured!);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, v) in sweep.Views)
        {
            if (PartJudge.JudgeView(v.View, v.Observation([.. kept[key]])).Verdict != Verdict.Ok)
            {
                failed.Add(v.Serial);
            }
        }

        return failed;
    }

    /// <summary>The parts the set expects NOK: its expected verdicts, or where it has none its flawed parts, as eval counts them.</summary>
    private static HashSet<string> ExpectedNok(Sweep sweep)
    {
        var expectedFromDataset = sweep.Parts.Values.All(x => x.ExpectedVerdict is not null);
        return sweep.Parts.Values.Where(x => x.ExpectsNok(expectedFromDataset)).Select(x => x.Serial).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> DefectFree(Sweep sweep) => sweep.Parts.Values.Where(x => !x.Defective).Select(x => x.Serial).ToHashSet(StringComparer.Ordinal);

    /// <summary>Porosity points judged on whole parts, the cold shuts held at their chosen point: the views of the parts
    /// nothing else fails are judged with the pores a point keeps at one measuring level; a view's verdict is remembered
    /// by the pores it was judged with, which many points share.</summary>
    private sealed class PoreParts(
        Sweep sweep, ILookup<(float, double?, double?), TunedComponent> byExtraction, double? fraction, HashSet<string> failedByOthers, HashSet<string> nok, HashSet<string> defectFree)
        : IPartJudging
    {
        private readonly Dictionary<(string View, float Extraction, string Pores), bool> fails = [];

        public PartCounts Count(OperatingPoint point, IReadOnlyList<TunedComponent> kept)
        {
            var failed = new HashSet<string>(failedByOthers, StringComparer.Ordinal);
            foreach (var view in Kept(byExtraction, point, fraction).GroupBy(x => x.ViewKey))
            {
                var v = sweep.Views[view.Key];
                if (failed.Contains(v.Serial))
                {
                    continue;
                }

                var pores = view.Select(x => x.Measured!).ToList();
                var key = (view.Key, view.First().Threshold, string.Join(',', pores.Select(d => d.Index).Order()));
                if (!fails.TryGetValue(key, out var fail))
                {
                    fail = PartJudge.JudgeView(v.View, v.Observation(pores, [])).Verdict != Verdict.Ok;
                    fails[key] = fail;
                }

                if (fail)
                {
                    failed.Add(v.Serial);
                }
            }

            return new PartCounts(nok.Count(s => !failed.Contains(s)), nok.Count, defectFree.Count(failed.Contains), defectFree.Count);
        }
    }
}

/// <summary>Counts the set's parts judged whole at one point of a class, the other class held at its chosen point.</summary>
internal interface IPartJudging
{
    /// <param name="kept">The components the point keeps (without a measuring level).</param>
    PartCounts Count(OperatingPoint point, IReadOnlyList<TunedComponent> kept);
}

/// <summary>The set's parts as the chosen porosity point judges them, for cold-shut points: each kept cold shut fails the
/// part it fails alone.</summary>
/// <param name="FailedByOthers">Parts failed (NOK or REVIEW) by their pores or by a view's review reasons.</param>
/// <param name="Nok">Parts the set expects NOK.</param>
/// <param name="DefectFree">Parts without a flaw.</param>
internal sealed record JudgedParts(IReadOnlySet<string> FailedByOthers, IReadOnlySet<string> Nok, IReadOnlySet<string> DefectFree) : IPartJudging
{
    public PartCounts Count(OperatingPoint point, IReadOnlyList<TunedComponent> kept)
    {
        var failed = new HashSet<string>(FailedByOthers, StringComparer.Ordinal);
        failed.UnionWith(kept.Select(x => x.FailsAloneOn).OfType<string>());
        return new PartCounts(Nok.Count(s => !failed.Contains(s)), Nok.Count, DefectFree.Count(failed.Contains), DefectFree.Count);
    }
}

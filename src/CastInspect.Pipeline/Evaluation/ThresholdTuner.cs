using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>
/// Picks a model's per-class probability threshold and noise floor (<c>min_area_px</c>) on a validation synth set, matched
/// as <see cref="SynthEvaluator"/> matches: recall over pores of Ø ≥ 0.5 mm and every cold shut (found by any component
/// at or above the floor); precision over every component at or above the floor, since each is listed to the reviewer as
/// a detection, also those outside every zone or below a zone's detection floor. The precision of the components the
/// rules judge is reported beside it. Each view is run through the model once; every operating point of the grid is
/// then extracted and judged from its probability maps. Then, at the chosen threshold and floor, the measuring level
/// (<see cref="MeasureFractions"/>) whose pore diameters are closest to the truth (median error) is chosen: a low
/// threshold finds faint pores, the measuring level keeps it from drawing pores larger than they are. Tuned for parts,
/// of the levels that measure about as well (<see cref="MeasuringToleranceMm"/>) the one that passes the fewest NOK parts.
/// Each threshold is also tried as a seed with each lower <see cref="GrowLevels"/> (hysteresis): the components found
/// at the grow level whose peak reaches the seed. They need no extraction of their own: a component at the grow level is
/// the same whichever seed keeps it. Cold shuts are also tried with each least length-to-width ratio of
/// <see cref="AspectRatios"/> (a cold shut is a linear indication), filtering the same components, and, when asked
/// for, with each given link distance (a seam the model sees in pieces is one indication), extracted anew.
/// Components the view's ejector-pin witness marks screen out are no detections at any point. Each component found on a
/// defect-free part is also judged alone, so each point counts the defect-free parts its class would fail (the
/// false-call rate <see cref="TuneObjective.MaxFalseCallRate"/> bounds).
/// </summary>
public static partial class ThresholdTuner
{
    public static IReadOnlyList<float> Thresholds { get; } = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.85f, 0.9f, 0.95f, 0.97f, 0.98f, 0.99f, 0.995f];

    public static IReadOnlyList<int> MinAreas { get; } = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768];

    /// <summary>Measuring levels tried, as a share of each component's peak probability; null = every pixel found.</summary>
    public static IReadOnlyList<double?> MeasureFractions { get; } = [null, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

    /// <summary>Measuring levels whose median diameter error lies within this of the least (mm, a tenth of the 0.1 mm
    /// target) measure as well; tuning for parts takes, of those, the one that passes the fewest NOK parts.</summary>
    public const double MeasuringToleranceMm = 0.01;

    /// <summary>Grow thresholds tried below each threshold; each is one of <see cref="Thresholds"/>, whose components it reuses.</summary>
    public static IReadOnlyList<float> GrowLevels { get; } = [0.3f, 0.5f, 0.7f, 0.9f];

    /// <summary>Least length-to-width ratios tried for cold shuts, besides none; penetrant and magnetic-particle standards
    /// call an indication linear at 3.</summary>
    public static IReadOnlyList<double> AspectRatios { get; } = [2, 3, 4, 5];

    /// <summary>Least second-look scores tried, besides none, for a class its model looks at again.</summary>
    public static IReadOnlyList<double> SecondLookScores { get; } = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

    /// <summary>A threshold that marks more of a view than this calls the wall itself a defect; it is skipped.</summary>
    public const double MaxForegroundFraction = 0.02;

    private const double CountedPoreMm = 0.5;

    /// <param name="dataFolders">Validation sets written by synth for <paramref name="program"/>, each of its own seed; their
    /// views are pooled, so points are chosen over all their defects and defect-free parts together.</param>
    /// <param name="maxParts">Use only the first N parts of each set; null = every part.</param>
    /// <param name="linkDistancesMm">Link distances to try for cold shuts, in mm, besides none; empty = no linking.</param>
    public static async Task<TuneReport> TuneAsync(
        PartInspector inspector, PartProgram program, IReadOnlyList<string> dataFolders, Modality modality, TuneObjective objective, int? maxParts, IProgress<int>? progress,
        CancellationToken cancellationToken, IReadOnlyList<double>? linkDistancesMm = null)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(dataFolders);
        ArgumentNullException.ThrowIfNull(objective);
        var sets = PooledSynthSets.Load(dataFolders);
        var sweep = new Sweep(linkDistancesMm ?? []);
        string? modelName = null;
        var views = 0;
        foreach (var (dataFolder, part) in PooledSynthSets.Parts(sets, maxParts))
        {
            sweep.Parts[part.Serial] = part;
            foreach (var v in part.Views)
            {
                if (program.FindView(v.ViewId) is not { } view || view.Modality != modality)
                {
                    continue;
                }

                var bytes = await File.ReadAllBytesAsync(Path.Combine(dataFolder, v.Image), cancellationToken).ConfigureAwait(false);
                var prediction = await Task.Run(() => inspector.Predict(view, new ViewImage(v.ViewId, bytes), cancellationToken), cancellationToken).ConfigureAwait(false);
                modelName ??= prediction.Model.Name;
                SweepView(dataFolder, v, view, prediction, sweep, part);
                views++;
                progress?.Report(views);
            }
        }

        if (modelName is null)
        {
            throw new InvalidDataException($"'{string.Join("', '", dataFolders)}' holds no {modality} view of part program {program.PartNumber}");
        }

        var (pores, seams) = objective.ForParts
            ? ChooseForParts(sweep, objective)
            : (Choose(DefectClass.Porosity, sweep.Of(DefectClass.Porosity), sweep, objective), Choose(DefectClass.ColdShut, sweep.Of(DefectClass.ColdShut), sweep, objective));
        ClassTuning[] classes = [pores, seams];
        var first = sets[0].Index;
        return new TuneReport(modelName, first.PartNumber, [.. sets.Select(s => s.Index.Seed)], views, objective, classes, first.GeneratorVersion);
    }

    /// <summary>Every (threshold, grow threshold, link distance, least aspect ratio, noise floor) point of the grid for
    /// one class, best first by <paramref name="objective"/>; of equal points the higher threshold, the smaller floor,
    /// then no growing, then no screening by shape, then no linking.</summary>
    /// <param name="defectFreeParts">Defect-free parts in the set, over which the false-call rate is taken.</param>
    /// <param name="parts">The set's parts as judged by the other class's chosen point: each point then also counts
    /// the parts it passes and fails whole (<see cref="OperatingPoint.Parts"/>); null = not judged by parts.</param>
    internal static IReadOnlyList<OperatingPoint> OperatingPoints(
        IReadOnlyList<TunedComponent> components, int counted, TuneObjective objective, bool byShape = false, IReadOnlyList<double>? linkDistancesMm = null,
        int defectFreeParts = 0, IPartJudging? parts = null)
    {
        var points = new List<OperatingPoint>();
        IEnumerable<double?> ratios = byShape ? AspectRatios.Select(r => (double?)r).Prepend(null) : [null];
        IEnumerable<double?> links = byShape ? (linkDistancesMm ?? []).Select(d => (double?)d).Prepend(null) : [null];
        IEnumerable<double?> looks = components.Any(x => x.SecondLookScore is not null) ? SecondLookScores.Select(s => (double?)s).Prepend(null) : [null];
        var byExtraction = ByExtraction(components);
        foreach (var t in Thresholds)
        {
            foreach (var g in GrowOptions(t))
            {
                foreach (var link in links)
                {
                    var spanning = Spanning(byExtraction, t, g, null, link);
                    foreach (var r in ratios)
                    {
                        var shaped = r is { } least ? spanning.Where(x => x.AspectRatio >= least).ToList() : spanning;
                        foreach (var look in looks)
                        {
                            var atPoint = Looked(shaped, look);
                            foreach (var a in MinAreas)
                            {
                                var point = Point(t, g, a, atPoint, counted, defectFreeParts) with { MinAspectRatio = r, LinkDistanceMm = link, MinSecondLookScore = look };
                                points.Add(parts is not null && objective.Meets(point) ? point with { Parts = parts.Count(point, atPoint.Where(x => x.AreaPx >= a).ToList()) } : point);
                            }
                        }
                    }
                }
            }
        }

        return points.OrderByDescending(objective.Score)
            .ThenByDescending(p => p.Threshold)
            .ThenBy(p => p.MinAreaPx)
            .ThenByDescending(p => p.GrowThreshold ?? 1f)
            .ThenBy(p => p.MinAspectRatio ?? 0)
            .ThenBy(p => p.LinkDistanceMm ?? 0)
            .ThenBy(p => p.MinSecondLookScore ?? 0)
            .ToList();
    }

    /// <summary>The components whose second-look score reaches <paramref name="minScore"/>; all when null.</summary>
    private static List<TunedComponent> Looked(List<TunedComponent> components, double? minScore) =>
        minScore is { } least ? components.Where(x => x.SecondLookScore is not { } s || s >= least).ToList() : components;

    private static IEnumerable<float?> GrowOptions(float threshold) => GrowLevels.Where(g => g < threshold).Select(g => (float?)g).Prepend(null);

    /// <summary>The components of the point (seed <paramref name="threshold"/>, <paramref name="grow"/>) at one measuring
    /// level and link distance.</summary>
    private static List<TunedComponent> Spanning(ILookup<(float, double?, double?), TunedComponent> components, float threshold, float? grow, double? fraction, double? link) =>
        grow is { } g
            ? components[(g, fraction, link)].Where(x => x.Peak >= threshold).ToList()
            : components[(threshold, fraction, link)].ToList();

    /// <summary>Every measuring level at one threshold and floor, closest median pore diameter first: the diameter
    /// error of each ground-truth pore that a kept component overlaps (the one overlapping it most), as eval measures.</summary>
    internal static IReadOnlyList<MeasuringPoint> MeasuringPoints(
        IReadOnlyList<TunedComponent> components, float threshold, float? grow, int minAreaPx, int counted, IReadOnlyDictionary<string, double> truthDiametersMm,
        double? minSecondLookScore = null, int defectFreeParts = 0)
    {
        var points = new List<MeasuringPoint>();
        var byExtraction = ByExtraction(components);
        foreach (var f in MeasureFractions)
        {
            var atLevel = Looked(Spanning(byExtraction, threshold, grow, f, null), minSecondLookScore);
            var kept = atLevel.Where(x => x.AreaPx >= minAreaPx).ToList();
            var errors = truthDiametersMm
                .Select(t => (Truth: t.Value, Best: kept.Where(x => x.Overlap.ContainsKey(t.Key)).MaxBy(x => x.Overlap[t.Key])))
                .Where(m => m.Best is not null)
                .Select(m => Math.Abs(m.Best!.DiameterMm - m.Truth))
                .Order()
                .ToList();
            var median = errors.Count == 0 ? double.NaN : errors[errors.Count / 2];
            points.Add(new MeasuringPoint(f, median, errors.Count, Point(threshold, grow, minAreaPx, atLevel, counted, defectFreeParts) with { MinSecondLookScore = minSecondLookScore }));
        }

        return points.OrderBy(p => double.IsNaN(p.MedianDiameterErrorMm) ? double.MaxValue : p.MedianDiameterErrorMm)
            .ThenBy(p => p.Fraction ?? 0)
            .ToList();
    }

    /// <summary>Of the levels (best measuring first) within <see cref="MeasuringToleranceMm"/> of the best, the one that
    /// passes the fewest NOK parts, then fails the fewest defect-free parts, then measures best.</summary>
    internal static MeasuringPoint ForParts(IReadOnlyList<MeasuringPoint> levels)
    {
        var best = levels[0].MedianDiameterErrorMm;
        return levels.Where(l => double.IsNaN(best) || l.MedianDiameterErrorMm <= best + MeasuringToleranceMm)
            .OrderBy(l => l.Point.Parts?.MissedNok ?? int.MaxValue)
            .ThenBy(l => l.Point.Parts?.FalseCalls ?? int.MaxValue)
            .First();
    }

    private static OperatingPoint Point(float t, float? grow, int minAreaPx, List<TunedComponent> atPoint, int counted, int defectFreeParts)
    {
        var kept = atPoint.Where(x => x.AreaPx >= minAreaPx).ToList();
        var found = kept.SelectMany(x => x.TruthHit).Distinct().Count();
        var judged = kept.Where(x => x.Judged).ToList();
        var recall = counted == 0 ? 0 : found / (double)counted;
        var falseCalls = kept.Select(x => x.FalseCallOn).OfType<string>().Distinct().Count();
        return new OperatingPoint(t, minAreaPx, recall, TrueShare(kept), found, kept.Count, TrueShare(judged), judged.Count)
        {
            GrowThreshold = grow, FalseCalls = falseCalls, DefectFreeParts = defectFreeParts,
        };
    }

    private static double? TrueShare(List<TunedComponent> components) =>
        components.Count == 0 ? null : components.Count(x => x.IsTrue) / (double)components.Count;

    /// <summary>The class's best point over <paramref name="components"/> (cold shuts also screened by shape and linked
    /// over the sweep's link distances; pores then measured at their best level), counted over the sweep's truth.</summary>
    /// <param name="partsAtLevel">For pores tuned for parts: the parts judged whole with the pores measured at a level,
    /// so the level is chosen by <see cref="ForParts"/>; null = the level that measures best.</param>
    private static ClassTuning Choose(
        DefectClass c, IReadOnlyList<TunedComponent> components, Sweep sweep, TuneObjective objective, IPartJudging? parts = null, Func<double?, IPartJudging>? partsAtLevel = null)
    {
        var (counted, truthDiametersMm, defectFreeParts) = (sweep.Counted(c), sweep.Diameters, sweep.DefectFreeParts);
        var seams = c == DefectClass.ColdShut;
        var points = OperatingPoints(components, counted, objective, seams, seams ? sweep.LinkDistancesMm : [], defectFreeParts, parts);
        var found = points[0];
        if (c != DefectClass.Porosity)
        {
            return new ClassTuning(DefectClassKeys.ColdShut, counted, found, objective.Meets(found), points.Take(5).ToList());
        }

        var levels = MeasuringPoints(components, found.Threshold, found.GrowThreshold, found.MinAreaPx, counted, truthDiametersMm, found.MinSecondLookScore, defectFreeParts);
        if (partsAtLevel is not null)
        {
            levels = [.. levels.Select(l => l with { Point = l.Point with { Parts = partsAtLevel(l.Fraction).Count(l.Point, []) } })];
        }

        var chosen = partsAtLevel is null ? levels[0] : ForParts(levels);
        return new ClassTuning(DefectClassKeys.Porosity, counted, chosen.Point, objective.Meets(chosen.Point), points.Take(5).ToList())
        {
            MeasureAtPeakFraction = chosen.Fraction,
            Measuring = levels,
        };
    }
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Imaging.Measurement;
using OpenCvSharp;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>The sweep of <see cref="ThresholdTuner"/>: each validation view's probability maps extracted and judged at
/// every threshold of the grid, and each component recorded with what it overlaps in the ground truth.</summary>
public static partial class ThresholdTuner
{
    private static void SweepView(string folder, SynthViewRef v, ViewDefinition view, ViewPrediction prediction, Sweep sweep, SynthPartRef part)
    {
        var viewKey = $"{part.Serial}/{v.ViewId}";
        sweep.Views[viewKey] = new SweptView(part.Serial, view, prediction.Observation(view.Id, []));
        var truth = SynthViewTruth.Load(Path.Combine(folder, v.Manifest));
        using var mask = Cv2.ImRead(Path.Combine(folder, v.Mask), ImreadModes.Unchanged);
        var maps = prediction.Maps;
        if (mask.Cols != maps.Width || mask.Rows != maps.Height)
        {
            throw new InvalidDataException($"{v.Mask}: mask is {mask.Cols}×{mask.Rows}, the image {maps.Width}×{maps.Height}");
        }

        foreach (var t in truth.Defects.Where(d => d.ClassId == (int)DefectClass.ColdShut || d.EquivalentDiameterMm >= CountedPoreMm))
        {
            sweep.Count((DefectClass)t.ClassId, $"{viewKey}#{t.Index}");
        }

        foreach (var t in truth.Defects.Where(d => d.ClassId == (int)DefectClass.Porosity))
        {
            sweep.Diameters[$"{viewKey}#{t.Index}"] = t.EquivalentDiameterMm;
        }

        var plane = maps.Width * maps.Height;
        var options = DefectExtractionOptions.Default with { MinAreaPx = MinAreas[0], EjectorPins = view.EjectorPins };
        var scores = new Dictionary<(DefectClass Class, int X, int Y), float>();
        foreach (var c in new[] { DefectClass.Porosity, DefectClass.ColdShut })
        {
            var probs = maps.Channel((int)c);
            foreach (var t in Thresholds)
            {
                if (Foreground(probs, t) > MaxForegroundFraction * plane)
                {
                    continue;
                }

                float[] thresholds = [1f, c == DefectClass.Porosity ? t : 2f, c == DefectClass.ColdShut ? t : 2f];
                foreach (var (f, link) in Extractions(c, sweep.LinkDistancesMm))
                {
                    var measured = options with
                    {
                        MeasureAtPeakFractionByClass = f is { } share ? new Dictionary<DefectClass, double> { [c] = share } : options.MeasureAtPeakFractionByClass,
                        LinkDistanceMmByClass = link is { } mm ? new Dictionary<DefectClass, double> { [c] = mm } : options.LinkDistanceMmByClass,
                    };
                    var extracted = DefectExtractor.Extract(maps.Probabilities.Span, maps.Width, maps.Height, thresholds, prediction.Transform, measured);
                    var defects = SecondLookScreen.Apply(extracted, prediction, screen: false, scores);
                    var judged = PartJudge.JudgeView(view, prediction.Observation(view.Id, defects));
                    var failing = c == DefectClass.ColdShut ? FailingColdShuts(judged) : part.Defective ? [] : FailingAlone(view, defects, prediction);
                    Record(c, t, (f, link), judged.Defects, truth, mask, viewKey, sweep, (part.Serial, part.Defective, failing));
                }
            }
        }
    }

    /// <summary>The indices of the cold shuts that, judged alone in the view, make it NOK or REVIEW: a cold-shut rule
    /// judges one indication, so each finding of the view judged whole that is not OK names a cold shut that fails alone.</summary>
    private static HashSet<int> FailingColdShuts(ViewVerdict judged) =>
        judged.Zones.SelectMany(z => z.Findings).Where(f => f.Outcome != Verdict.Ok).SelectMany(f => f.DefectIndices).ToHashSet();

    /// <summary>The indices of the defects that, judged alone in the view, make it NOK or REVIEW.</summary>
    private static HashSet<int> FailingAlone(ViewDefinition view, IReadOnlyList<MeasuredDefect> defects, ViewPrediction prediction) =>
        defects.Where(d => !d.Screened && PartJudge.JudgeView(view, prediction.Observation(view.Id, [d], [])).Verdict != Verdict.Ok)
            .Select(d => d.Index)
            .ToHashSet();

    /// <summary>The extractions each threshold of <paramref name="c"/> is swept with: pores at every measuring level,
    /// cold shuts unlinked and at every link distance asked for.</summary>
    private static IEnumerable<(double? Fraction, double? LinkMm)> Extractions(DefectClass c, IReadOnlyList<double> linkDistancesMm) =>
        c == DefectClass.Porosity
            ? MeasureFractions.Select(f => (f, (double?)null))
            : linkDistancesMm.Select(d => ((double?)null, (double?)d)).Prepend((null, null));

    private static void Record(
        DefectClass c, float t, (double? Fraction, double? LinkMm) extraction, IReadOnlyList<JudgedDefect> defects, SynthViewTruth truth, Mat mask, string viewKey, Sweep sweep,
        (string Serial, bool Defective, HashSet<int> FailingAlone) part)
    {
        using var instances = DefectInstances.Draw(defects, mask.Rows, mask.Cols, asFound: true);

        var gt = mask.AsSpan<byte>();
        var pred = instances.AsSpan<int>();
        var isTrue = new HashSet<int>();
        for (var i = 0; i < gt.Length; i++)
        {
            if (pred[i] != 0 && gt[i] == (int)c)
            {
                isTrue.Add(pred[i]);
            }
        }

        var overlaps = defects.ToDictionary(d => d.Defect.Index + 1, _ => new Dictionary<string, int>());
        foreach (var td in truth.Defects.Where(d => d.ClassId == (int)c))
        {
            var (x0, y0, w, h) = (td.BboxPx[0], td.BboxPx[1], td.BboxPx[2], td.BboxPx[3]);
            var key = $"{viewKey}#{td.Index}";
            for (var y = y0; y < y0 + h; y++)
            {
                for (var x = x0; x < x0 + w; x++)
                {
                    var i = (y * mask.Cols) + x;
                    if (gt[i] == (int)c && pred[i] != 0)
                    {
                        overlaps[pred[i]][key] = overlaps[pred[i]].GetValueOrDefault(key) + 1;
                    }
                }
            }
        }

        foreach (var d in defects.Where(d => !d.Defect.Screened))
        {
            var k = d.Defect.Index + 1;
            var hits = overlaps[k].Keys.Where(key => sweep.IsCounted(c, key)).ToList();
            sweep.Components.Add(new TunedComponent(c, t, (int)(d.Defect.FoundAreaPx ?? d.Defect.AreaPx), !d.Ignored, isTrue.Contains(k), hits)
            {
                MeasureFraction = extraction.Fraction,
                LinkDistanceMm = extraction.LinkMm,
                Peak = (float)d.Defect.MaxConfidence,
                DiameterMm = d.Defect.EquivalentDiameterMm,
                AspectRatio = d.Defect.WidthMm > 0 ? d.Defect.LengthMm / d.Defect.WidthMm : double.PositiveInfinity,
                SecondLookScore = d.Defect.SecondLookScore,
                Overlap = overlaps[k],
                FailsAloneOn = part.FailingAlone.Contains(d.Defect.Index) ? part.Serial : null,
                OnDefectFreePart = !part.Defective,
                ViewKey = viewKey,
                Measured = c == DefectClass.Porosity ? d.Defect : null,
            });
        }
    }

    private static int Foreground(ReadOnlySpan<float> probs, float threshold)
    {
        var n = 0;
        foreach (var p in probs)
        {
            n += p >= threshold ? 1 : 0;
        }

        return n;
    }

    private sealed class Sweep(IReadOnlyList<double> linkDistancesMm)
    {
        /// <summary>Link distances cold shuts are extracted with, besides none.</summary>
        public IReadOnlyList<double> LinkDistancesMm { get; } = linkDistancesMm;

        private readonly Dictionary<DefectClass, HashSet<string>> counted = new() { [DefectClass.Porosity] = [], [DefectClass.ColdShut] = [] };

        public List<TunedComponent> Components { get; } = [];

        public List<TunedComponent> Of(DefectClass c) => Components.Where(x => x.Class == c).ToList();

        public int DefectFreeParts => Parts.Values.Count(p => !p.Defective);

        /// <summary>Every part swept, by serial.</summary>
        public Dictionary<string, SynthPartRef> Parts { get; } = [];

        /// <summary>Every view swept, by key (serial/view id).</summary>
        public Dictionary<string, SweptView> Views { get; } = [];

        /// <summary>Every ground-truth pore's diameter (all sizes, as eval's diameter error counts them), by key.</summary>
        public Dictionary<string, double> Diameters { get; } = [];

        public void Count(DefectClass c, string key) => counted[c].Add(key);

        public bool IsCounted(DefectClass c, string key) => counted[c].Contains(key);

        public int Counted(DefectClass c) => counted[c].Count;
    }
}

/// <summary>What judging one swept view whole needs besides its defects: the prediction's observation with none (its
/// review reasons, extent and position uncertainty); the probability maps are not kept.</summary>
internal sealed record SweptView(string Serial, ViewDefinition View, ViewObservation Empty)
{
    public ViewObservation Observation(IReadOnlyList<MeasuredDefect> defects, IReadOnlyList<string>? reviewReasons = null) =>
        Empty with { Defects = defects, ReviewReasons = reviewReasons ?? Empty.ReviewReasons };
}

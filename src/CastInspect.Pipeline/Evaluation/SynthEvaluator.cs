using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using OpenCvSharp;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>
/// Runs the pipeline over a synth dataset and compares with its ground truth: a true defect counts as found when a
/// predicted component of its class overlaps its pixels; a predicted component is true when it overlaps any true pixel of its class.
/// Components under the model's noise floor count only in the all-components precision: they find nothing and add no pixels.
/// </summary>
public static class SynthEvaluator
{
    private const double LargePoreMm = 0.5;

    /// <summary>Lower edges of the pore-diameter bands recall is broken down by, mm.</summary>
    private static readonly double[] DiameterBandsMm = [0, 0.3, 0.5, 1, 2];

    /// <summary>Lower edges of the cold-shut length bands, mm.</summary>
    private static readonly double[] LengthBandsMm = [0, 5, 10, 20];

    public static Task<EvalReport> EvaluateAsync(
        IPartInspector inspector, PartProgram program, string dataFolder, int? maxParts, IProgress<int>? progress, CancellationToken cancellationToken) =>
        EvaluateAsync(inspector, program, [dataFolder], maxParts, progress, cancellationToken);

    /// <param name="dataFolders">Synth sets of <paramref name="program"/>, each of its own seed, pooled: every figure is
    /// counted over all their parts together (missed NOK over all their NOK parts).</param>
    /// <param name="maxParts">Evaluate only the first N parts of each set; null = every part.</param>
    public static async Task<EvalReport> EvaluateAsync(
        IPartInspector inspector, PartProgram program, IReadOnlyList<string> dataFolders, int? maxParts, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        ArgumentNullException.ThrowIfNull(program);
        var sets = PooledSynthSets.Load(dataFolders);
        var tally = new Tally();
        var parts = PooledSynthSets.Parts(sets, maxParts).ToList();
        var expectedFromDataset = parts.All(p => p.Part.ExpectedVerdict is not null);
        foreach (var (dataFolder, part) in parts)
        {
            var views = part.Views.Where(v => program.FindView(v.ViewId) is not null).ToList();
            if (views.Count == 0)
            {
                continue;
            }

            var images = new List<ViewImage>();
            foreach (var v in views)
            {
                images.Add(new ViewImage(v.ViewId, await File.ReadAllBytesAsync(Path.Combine(dataFolder, v.Image), cancellationToken).ConfigureAwait(false)));
            }

            // A dataset of one modality holds only some of the part's views: judge the part on those, or every part
            // would be REVIEW for its missing views and the false-call rate would say nothing about the model.
            var present = program with { Views = program.Views.Where(pv => views.Any(v => v.ViewId == pv.Id)).ToList() };
            var result = await inspector.InspectAsync(present, images, cancellationToken).ConfigureAwait(false);
            var expectedReasons = new List<string>();
            for (var i = 0; i < views.Count; i++)
            {
                var verdict = result.Verdict.Views.First(x => x.ViewId == views[i].ViewId);
                expectedReasons.AddRange(CompareView(dataFolder, views[i], verdict, tally).ExpectedReasons ?? []);
                tally.ViewMs.Add(result.Views[i].TimingsMs.GetValueOrDefault("total"));
            }

            var expectNok = part.ExpectsNok(expectedFromDataset);
            tally.CountPart(part.Serial, part.Defective, expectNok, result.Verdict, expectedReasons);
            tally.CountPartVisible(part.Serial, part.ExpectedVerdictVisible, result.Verdict, expectedReasons);
            progress?.Report(tally.Parts);
        }

        return tally.Report([.. sets.Select(x => x.Index)], expectedFromDataset ? "dataset expected_verdict" : "defective (dataset has no expected verdicts)");
    }

    private static SynthViewTruth CompareView(string folder, SynthViewRef view, ViewVerdict verdict, Tally tally)
    {
        var truth = SynthViewTruth.Load(Path.Combine(folder, view.Manifest));
        using var mask = Cv2.ImRead(Path.Combine(folder, view.Mask), ImreadModes.Unchanged);
        using var measured = DefectInstances.Draw(verdict.Defects, mask.Rows, mask.Cols, asFound: false);
        using var asFound = verdict.Defects.Any(d => d.Defect.FoundOutlinePx is not null)
            ? DefectInstances.Draw(verdict.Defects, mask.Rows, mask.Cols, asFound: true)
            : null;

        var gt = mask.AsSpan<byte>();
        var shown = measured.AsSpan<int>();
        var pred = (asFound ?? measured).AsSpan<int>();
        var byIndex = verdict.Defects.ToDictionary(d => d.Defect.Index + 1);
        var trueHits = new HashSet<int>();
        for (var i = 0; i < gt.Length; i++)
        {
            var s = shown[i] == 0 ? 0 : (int)byIndex[shown[i]].Defect.Class;
            tally.Pixel(gt[i], s != 0 && !byIndex[shown[i]].Defect.Screened ? s : 0);
            var p = pred[i] == 0 ? 0 : (int)byIndex[pred[i]].Defect.Class;
            if (p != 0 && p == gt[i])
            {
                trueHits.Add(pred[i]);
            }
        }

        foreach (var d in verdict.Defects)
        {
            tally.Predicted((int)d.Defect.Class, d.Ignored, d.Defect.Screened, trueHits.Contains(d.Defect.Index + 1));
        }

        foreach (var t in truth.Defects)
        {
            var best = BestOverlap(t, gt, pred, mask.Cols, byIndex);
            var found = best is not null;
            tally.Truth(t.ClassId, found, t.EquivalentDiameterMm, t.LengthMm);
            tally.TruthVisible(t.ClassId, found, t.EquivalentDiameterMm, t.DetectabilitySnr);
            if (found && t.ClassId == (int)DefectClass.Porosity)
            {
                tally.DiameterErrors.Add(Math.Abs(best!.Defect.EquivalentDiameterMm - t.EquivalentDiameterMm));
            }
        }

        return truth;
    }

    private static JudgedDefect? BestOverlap(SynthTruthDefect t, ReadOnlySpan<byte> gt, ReadOnlySpan<int> pred, int width, Dictionary<int, JudgedDefect> byIndex)
    {
        var counts = new Dictionary<int, int>();
        var (x0, y0, w, h) = (t.BboxPx[0], t.BboxPx[1], t.BboxPx[2], t.BboxPx[3]);
        for (var y = y0; y < y0 + h; y++)
        {
            for (var x = x0; x < x0 + w; x++)
            {
                var i = (y * width) + x;
                if (gt[i] == t.ClassId && pred[i] != 0 && (int)byIndex[pred[i]].Defect.Class == t.ClassId && !byIndex[pred[i]].Defect.Screened)
                {
                    counts[pred[i]] = counts.GetValueOrDefault(pred[i]) + 1;
                }
            }
        }

        return counts.Count == 0 ? null : byIndex[counts.MaxBy(kv => kv.Value).Key];
    }

    private sealed class Tally
    {
        private readonly long[,] confusion = new long[3, 3];
        private readonly int[] truth = new int[3];
        private readonly int[] found = new int[3];
        private readonly int[] predicted = new int[3];
        private readonly int[] predictedTrue = new int[3];
        private readonly int[] predictedAll = new int[3];
        private readonly int[] predictedAllTrue = new int[3];
        private readonly int[] detections = new int[3];
        private readonly int[] detectionsTrue = new int[3];
        private int largePores;
        private int largePoresFound;
        private int defectFree;
        private int falseCalls;
        private int expectedNok;
        private int missedNok;

        private readonly Visibility visible = new();
        private readonly int[,] poreBands = new int[DiameterBandsMm.Length, 2];
        private readonly int[,] seamBands = new int[LengthBandsMm.Length, 2];

        public int Parts { get; private set; }

        public List<double> DiameterErrors { get; } = [];

        public List<double> ViewMs { get; } = [];

        private List<PartOutcome> FalseCalls { get; } = [];

        private List<PartOutcome> MissedNok { get; } = [];

        public void Pixel(int gt, int pred) => confusion[Math.Min(gt, 2), pred]++;

        public void Predicted(int cls, bool ignored, bool belowNoiseFloor, bool isTrue)
        {
            predictedAll[cls]++;
            predictedAllTrue[cls] += isTrue ? 1 : 0;
            if (!belowNoiseFloor)
            {
                detections[cls]++;
                detectionsTrue[cls] += isTrue ? 1 : 0;
            }

            if (!ignored)
            {
                predicted[cls]++;
                predictedTrue[cls] += isTrue ? 1 : 0;
            }
        }

        public void Truth(int cls, bool isFound, double diameterMm, double lengthMm)
        {
            var (edges, counts, size) = cls == (int)DefectClass.Porosity ? (DiameterBandsMm, poreBands, diameterMm) : (LengthBandsMm, seamBands, lengthMm);
            var band = Math.Max(0, edges.Count(e => size >= e) - 1);
            counts[band, 0]++;
            counts[band, 1] += isFound ? 1 : 0;
            truth[cls]++;
            found[cls] += isFound ? 1 : 0;
            if (cls == (int)DefectClass.Porosity && diameterMm >= LargePoreMm)
            {
                largePores++;
                largePoresFound += isFound ? 1 : 0;
            }
        }

        public void TruthVisible(int cls, bool isFound, double diameterMm, double? snr) => visible.Truth(cls, isFound, diameterMm >= LargePoreMm, snr);

        public void CountPartVisible(string serial, string? expectedVisible, PartVerdict judged, IReadOnlyList<string> expectedReasons) =>
            visible.Part(serial, expectedVisible, judged, expectedReasons);

        public void CountPart(string serial, bool defective, bool expectNok, PartVerdict judged, IReadOnlyList<string> expectedReasons)
        {
            Parts++;
            var verdict = judged.Verdict;
            if (!defective)
            {
                defectFree++;
                if (verdict != Verdict.Ok)
                {
                    falseCalls++;
                    FalseCalls.Add(new PartOutcome(serial, PartOutcome.Text(verdict), judged.Reasons));
                }
            }

            if (expectNok)
            {
                expectedNok++;
                if (verdict == Verdict.Ok)
                {
                    missedNok++;
                    MissedNok.Add(new PartOutcome(serial, PartOutcome.Text(verdict), expectedReasons));
                }
            }
        }

        public EvalReport Report(IReadOnlyList<SynthDatasetIndex> sets, string expectedSource)
        {
            var index = sets[0];
            var classes = new[] { DefectClass.Porosity, DefectClass.ColdShut }.Select(c =>
            {
                var k = (int)c;
                long inter = confusion[k, k], union = 0;
                for (var j = 0; j < 3; j++)
                {
                    union += confusion[k, j] + confusion[j, k];
                }

                union -= inter;
                return new ClassFigures(
                    DefectClassKeys.Of(c),
                    truth[k], found[k], predicted[k], predictedTrue[k], predictedAll[k], predictedAllTrue[k],
                    union == 0 ? double.NaN : inter / (double)union, detections[k], detectionsTrue[k]);
            }).ToList();
            DiameterErrors.Sort();
            return new EvalReport(
                index.PartNumber, index.Seed, Parts, ViewMs.Count, classes,
                largePores, Ratio(largePoresFound, largePores),
                DiameterErrors.Count == 0 ? double.NaN : DiameterErrors[DiameterErrors.Count / 2],
                defectFree, Ratio(falseCalls, defectFree),
                expectedNok, Ratio(missedNok, expectedNok), expectedSource,
                ViewMs.Count == 0 ? 0 : ViewMs.Average(), FalseCalls, MissedNok, Bands(DiameterBandsMm, poreBands), Bands(LengthBandsMm, seamBands),
                visible.Figures(), index.GeneratorVersion, [.. sets.Select(x => x.Seed)]);
        }

        private static List<RecallBand> Bands(double[] edges, int[,] counts) =>
            edges.Select((from, i) => new RecallBand(from, i + 1 < edges.Length ? edges[i + 1] : null, counts[i, 0], counts[i, 1])).ToList();

        private static double Ratio(int a, int b) => b == 0 ? double.NaN : a / (double)b;
    }
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Imaging.Synthesis;
using CastInspect.Pipeline.Evaluation;
using CastInspect.Tests.Shared;

namespace CastInspect.Pipeline.Tests.Evaluation;

public sealed class SynthEvaluatorTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "castinspect-eval-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task EvaluateAsync_XrayOnlyDatasetOfCleanParts_NoFalseCallsForTheMissingSurfaceViews()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 2, Seed = 7, DefectRate = 0, Modality = SynthModality.Xray }).Write(folder);

        var report = await SynthEvaluator.EvaluateAsync(new InspectorThatSeesNoDefect(), program, folder, null, null, CancellationToken.None);

        Assert.Equal(2, report.DefectFreeParts);
        Assert.Equal(6, report.Views);
        Assert.Equal(SyntheticDataset.GeneratorVersion, report.GeneratorVersion);
        Assert.Equal(0, report.FalseCallRate);
        Assert.Empty(report.FalseCalls);
    }

    [Fact]
    public async Task EvaluateAsync_ModelThatSeesNothing_ListsEachMissedNokPartWithTheReasonsItWasExpectedNokFor()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 4, Seed = 7, DefectRate = 1, Modality = SynthModality.Xray }).Write(folder);

        var report = await SynthEvaluator.EvaluateAsync(new InspectorThatSeesNoDefect(), program, folder, null, null, CancellationToken.None);

        var expected = SynthDatasetIndex.Load(folder).Parts.Where(p => string.Equals(p.ExpectedVerdict, "nok", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(p => p.Serial), report.MissedNok.Select(m => m.Serial));
        Assert.All(report.MissedNok, m => Assert.Equal("OK", m.Verdict));
        Assert.All(report.MissedNok, m => Assert.NotEmpty(m.Reasons));
        Assert.Equal(1.0, report.MissedNokRate);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EvaluateAsync_PoresCoveredByComponents_FoundUnlessBelowTheNoiseFloor(bool belowNoiseFloor)
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 2, Seed = 7, DefectRate = 1, Modality = SynthModality.Xray }).Write(folder);

        var report = await SynthEvaluator.EvaluateAsync(new InspectorThatCoversEveryPore(folder, belowNoiseFloor), program, folder, null, null, CancellationToken.None);

        var pores = report.Classes.Single(c => c.Class == "porosity");
        Assert.True(pores.TruthDefects > 0);
        Assert.Equal(belowNoiseFloor ? 0 : pores.TruthDefects, pores.Found);
        Assert.Equal(pores.TruthDefects, pores.PredictedAllTrue);
        Assert.Equal(belowNoiseFloor ? 0 : pores.TruthDefects, pores.Detections);
        Assert.Equal(pores.TruthDefects, report.PoreRecallByDiameter.Sum(b => b.Truth));
        Assert.Equal(pores.Found, report.PoreRecallByDiameter.Sum(b => b.Found));
        Assert.Equal(report.PoresHalfMmAndLarger, report.PoreRecallByDiameter.Where(b => b.FromMm >= 0.5).Sum(b => b.Truth));
        Assert.Equal([0, 0.3, 0.5, 1, 2], report.PoreRecallByDiameter.Select(b => b.FromMm));
        Assert.Equal(report.Classes.Single(c => c.Class == "cold_shut").TruthDefects, report.ColdShutRecallByLength.Sum(b => b.Truth));
    }

    [Fact]
    public async Task EvaluateAsync_PoresMeasuredBesideTheirTruthButFoundOverIt_CountAsFound()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 2, Seed = 7, DefectRate = 1, Modality = SynthModality.Xray }).Write(folder);

        var report = await SynthEvaluator.EvaluateAsync(new InspectorThatCoversEveryPore(folder, belowNoiseFloor: false, measuredAside: true), program, folder, null, null, CancellationToken.None);

        var pores = report.Classes.Single(c => c.Class == "porosity");
        Assert.True(pores.TruthDefects > 0);
        Assert.Equal(pores.TruthDefects, pores.Found);
        Assert.Equal(pores.TruthDefects, pores.PredictedAllTrue);
        Assert.InRange(pores.PixelIou, 0, 0.05);
    }

    [Fact]
    public async Task EvaluateAsync_EveryPoreCovered_VisibleFiguresCountTheFlawsAtTheRoseCriterionAndSplitTheRest()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 6, Seed = 11, DefectRate = 1, Modality = SynthModality.Xray }).Write(folder);

        var report = await SynthEvaluator.EvaluateAsync(new InspectorThatCoversEveryPore(folder, belowNoiseFloor: false), program, folder, null, null, CancellationToken.None);

        var visible = Assert.IsType<VisibleFigures>(report.Visible);
        var truth = SynthDatasetIndex.Load(folder).Parts.SelectMany(p => p.Views)
            .SelectMany(v => SynthViewTruth.Load(Path.Combine(folder, v.Manifest)).Defects).ToList();
        var largePores = truth.Where(d => d.ClassId == (int)DefectClass.Porosity && d.EquivalentDiameterMm >= 0.5).ToList();
        Assert.Equal(largePores.Count(d => d.DetectabilitySnr >= Detectability.RoseCriterion), visible.PoresHalfMmAndLarger);
        Assert.Equal(report.PoresHalfMmAndLarger, visible.PoresHalfMmAndLarger + visible.PoresHalfMmAndLargerBelowCriterion);
        Assert.Equal(visible.PoresHalfMmAndLarger, visible.PoresHalfMmAndLargerFound);
        Assert.Equal(largePores.Sum(d => Detectability.DetectionProbability(d.DetectabilitySnr!.Value)), visible.IdealObserverLargePoresFound, 9);
        Assert.InRange(visible.IdealObserverPoreRecallHalfMmAndLarger, 0, 1);
        Assert.Equal(truth.Count(d => d.ClassId == (int)DefectClass.ColdShut), visible.ColdShuts + visible.ColdShutsBelowCriterion);
        Assert.Equal(0, visible.ColdShutsFound);
        Assert.Equal(report.PoresHalfMmAndLarger, visible.PoreRecallByDetectability.Sum(b => b.Truth));
        Assert.Equal(visible.PoresHalfMmAndLargerBelowCriterion, visible.PoreRecallByDetectability.Where(b => b.Below <= Detectability.RoseCriterion).Sum(b => b.Truth));
        Assert.Equal(report.PoresHalfMmAndLarger, visible.PoreRecallByDetectability.Sum(b => b.Found));
        var seams = truth.Where(d => d.ClassId == (int)DefectClass.ColdShut).ToList();
        Assert.All(visible.ColdShutRecallByDetectability, band => Assert.Equal(
            seams.Count(d => d.DetectabilitySnr >= band.From && (band.Below is not { } below || d.DetectabilitySnr < below)), band.Truth));
        Assert.Equal([20, 40, 80, 160], visible.ColdShutRecallByDetectability.Select(b => b.From).Where(f => f >= 20));
    }

    [Fact]
    public async Task EvaluateAsync_ModelThatSeesNothing_MissesEveryPartItsVisibleFlawsMakeNok()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 4, Seed = 7, DefectRate = 1, Modality = SynthModality.Xray }).Write(folder);

        var report = await SynthEvaluator.EvaluateAsync(new InspectorThatSeesNoDefect(), program, folder, null, null, CancellationToken.None);

        var expected = SynthDatasetIndex.Load(folder).Parts.Where(p => string.Equals(p.ExpectedVerdictVisible, "nok", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(p => p.Serial), report.Visible!.MissedNok.Select(m => m.Serial));
        Assert.Equal(1.0, report.Visible.MissedNokRate);
    }

    [Fact]
    public async Task EvaluateAsync_DatasetThatDoesNotRecordDetectability_HasNoVisibleFigures()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 2, Seed = 7, DefectRate = 1, Modality = SynthModality.Xray }).Write(folder);
        var index = Path.Combine(folder, "dataset.json");
        File.WriteAllText(index, File.ReadAllText(index).Replace("\"expected_verdict_visible\"", "\"generator_2_had_no_such_field\"", StringComparison.Ordinal));

        var report = await SynthEvaluator.EvaluateAsync(new InspectorThatSeesNoDefect(), program, folder, null, null, CancellationToken.None);

        Assert.Null(report.Visible);
        Assert.Equal(1.0, report.MissedNokRate);
    }

    [Fact]
    public async Task EvaluateAsync_TwoSetsOfDifferentSeeds_CountsTheMissedNokAndDefectFreePartsOfBoth()
    {
        var (program, sets) = SynthSets.WriteXray(folder, 3, 0.6, 51, 52);
        var (first, second) = (sets[0], sets[1]);
        Task<EvalReport> Evaluate(params string[] sets) =>
            SynthEvaluator.EvaluateAsync(new InspectorThatSeesNoDefect(), program, sets, null, null, CancellationToken.None);

        var (alone, other, both) = (await Evaluate(first), await Evaluate(second), await Evaluate(first, second));

        Assert.Equal([51UL, 52UL], both.Seeds);
        Assert.Equal(6, both.Parts);
        Assert.Equal(alone.Views + other.Views, both.Views);
        Assert.Equal(alone.DefectFreeParts + other.DefectFreeParts, both.DefectFreeParts);
        Assert.Equal(alone.ExpectedNokParts + other.ExpectedNokParts, both.ExpectedNokParts);
        Assert.Equal([.. alone.MissedNok.Select(m => m.Serial), .. other.MissedNok.Select(m => m.Serial)], both.MissedNok.Select(m => m.Serial));
        Assert.True(both.ExpectedNokParts > alone.ExpectedNokParts);
    }

    [Fact]
    public async Task EvaluateAsync_TwoSetsOfOneSeed_ThrowsSayingTheSameParts()
    {
        var (program, sets) = SynthSets.WriteXray(folder, 1, 0.5, 53, 53);
        var (first, copy) = (sets[0], sets[1]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            SynthEvaluator.EvaluateAsync(new InspectorThatSeesNoDefect(), program, [first, copy], null, null, CancellationToken.None));

        Assert.Contains("both seed 53", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What an inspector returns for <paramref name="observations"/>: the real judge's verdict, and per view only the
    /// total time the evaluator averages.</summary>
    private static PartInspection Judged(PartProgram program, IReadOnlyList<ViewObservation> observations)
    {
        var views = observations.Select(o => new ViewInspection(
            o.ViewId, 0, 0, 16, ViewTransform.Identity(0.1), 1, new Dictionary<string, double>(), new Dictionary<string, double> { ["total"] = 1 }, "none", "0")).ToList();
        return new PartInspection(PartJudge.Judge(program, observations), views, 1);
    }

    /// <summary>
    /// Judges every view it is given, through the real <see cref="PartJudge"/>, as if the model had found nothing: the
    /// evaluator's part-level counting is then checked without depending on what a trained model finds.
    /// </summary>
    private sealed class InspectorThatSeesNoDefect : IPartInspector
    {
        public Task<PartInspection> InspectAsync(PartProgram program, IReadOnlyList<ViewImage> images, CancellationToken cancellationToken)
        {
            var observations = images.Select(i => new ViewObservation(i.ViewId, [], [])).ToList();
            return Task.FromResult(Judged(program, observations));
        }
    }

    /// <summary>Reports one pore over the bounding box of every true pore of the view, read from the dataset's ground
    /// truth; the evaluator asks for the parts in the dataset's order. <paramref name="measuredAside"/>: as if measured
    /// over a few pixels just beside the pore, the box being the component as found.</summary>
    private sealed class InspectorThatCoversEveryPore(string folder, bool belowNoiseFloor, bool measuredAside = false) : IPartInspector
    {
        private int parts;

        public Task<PartInspection> InspectAsync(PartProgram program, IReadOnlyList<ViewImage> images, CancellationToken cancellationToken)
        {
            var part = SynthDatasetIndex.Load(folder).Parts[parts++];
            var observations = new List<ViewObservation>();
            foreach (var image in images)
            {
                var view = part.Views.Single(v => v.ViewId == image.ViewId);
                var truth = SynthViewTruth.Load(Path.Combine(folder, view.Manifest));
                var pores = truth.Defects.Where(d => d.ClassId == (int)DefectClass.Porosity).Select((d, i) => Cover(i, d)).ToList();
                observations.Add(new ViewObservation(image.ViewId, pores, []));
            }

            return Task.FromResult(Judged(program, observations));
        }

        private MeasuredDefect Cover(int index, SynthTruthDefect truth)
        {
            var (x, y, w, h) = (truth.BboxPx[0], truth.BboxPx[1], truth.BboxPx[2], truth.BboxPx[3]);
            PointPx[] box = [new(x, y), new(x + w - 1, y), new(x + w - 1, y + h - 1), new(x, y + h - 1)];
            PointPx[] aside = [new(x + w + 1, y), new(x + w + 2, y), new(x + w + 2, y + 1), new(x + w + 1, y + 1)];
            var outline = measuredAside ? aside : box;
            var centre = new PointPx(x + (w / 2.0), y + (h / 2.0));
            return new MeasuredDefect(
                index, DefectClass.Porosity, new PixelBox(x, y, w, h), centre, new PointMm(centre.X * 0.1, centre.Y * 0.1), w * h, w * h * 0.01,
                truth.EquivalentDiameterMm, truth.EquivalentDiameterMm, 0.99, 0.99, outline.Select(p => new PointMm(p.X * 0.1, p.Y * 0.1)).ToList(), outline, belowNoiseFloor,
                FoundOutlinePx: measuredAside ? [new(x, y), new(x + w + 2, y), new(x + w + 2, y + h - 1), new(x, y + h - 1)] : null);
        }
    }
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
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
        Assert.Equal(0, report.FalseCallRate);
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
            var views = images.Select(i => new ViewInspection(
                i.ViewId, 0, 0, 16, ViewTransform.Identity(0.1), 1, new Dictionary<string, double>(), new Dictionary<string, double> { ["total"] = 1 }, "none", "0")).ToList();
            return Task.FromResult(new PartInspection(PartJudge.Judge(program, observations), views, 1));
        }
    }
}

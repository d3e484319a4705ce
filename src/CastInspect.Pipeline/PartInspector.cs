using System.Diagnostics;
using System.Globalization;
using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Imaging.Measurement;
using CastInspect.Inference;
using CastInspect.Pipeline.Interim;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CastInspect.Pipeline;

/// <summary>
/// The one <see cref="IPartInspector"/>: per view decode → validate → normalise → register → quality gate →
/// tile + infer (batched) + stitch → extract defects; then judge the part. Thread-safe; register as a singleton.
/// </summary>
public sealed class PartInspector : IPartInspector
{
    private readonly ModelCatalog models;
    private readonly ILogger logger;

    public PartInspector(ModelCatalog models, ILogger<PartInspector>? logger = null)
    {
        this.models = models;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<PartInspection> InspectAsync(PartProgram program, IReadOnlyList<ViewImage> images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(images);
        var total = Stopwatch.StartNew();
        var results = new (ViewObservation Observation, ViewInspection Inspection)[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            var view = program.FindView(image.ViewId) ?? throw new InvalidImageException(image.ViewId, ImageProblem.SizeMismatch,
                $"part program {program.PartNumber} rev {program.Revision} has no view '{image.ViewId}' (views: {string.Join(", ", program.Views.Select(v => v.Id))})");
            results[i] = await Task.Run(() => InspectView(view, image, cancellationToken), cancellationToken).ConfigureAwait(false);
            PipelineLog.ViewInspected(logger, program.PartNumber, view.Id, results[i].Observation.Defects.Count, results[i].Inspection.TimingsMs["total"]);
        }

        var judgeWatch = Stopwatch.StartNew();
        var verdict = PartJudge.Judge(program, results.Select(r => r.Observation).ToList());
        var judgeMs = judgeWatch.Elapsed.TotalMilliseconds;
        var views = results.Select(r => r.Inspection with
        {
            TimingsMs = new Dictionary<string, double>(r.Inspection.TimingsMs) { ["judge"] = judgeMs },
        }).ToList();
        PipelineLog.PartInspected(logger, program.PartNumber, verdict.Verdict.ToString(), total.Elapsed.TotalMilliseconds);
        return new PartInspection(verdict, views, total.Elapsed.TotalMilliseconds);
    }

    private (ViewObservation, ViewInspection) InspectView(ViewDefinition view, ViewImage image, CancellationToken cancellationToken)
    {
        var timings = new StageTimer();
        var decoded = timings.Time("decode", () => InterimDecoder.Decode(image));
        timings.Time("validate", () => Validate(view, decoded));
#pragma warning disable IDISP001 // the catalog owns its models
        var model = models.For(view.Modality);
#pragma warning restore IDISP001
        var normalised = timings.Time("normalise", () => InterimNormaliser.Normalise(decoded, model.Entry.InputNormalisation));
        var transform = timings.Time("register", () => ViewTransform.Identity(view.PixelSizeMm));
        var reviewReasons = new List<string>();
        cancellationToken.ThrowIfCancellationRequested();
        var maps = timings.Time("infer", () => model.Predict(normalised, decoded.Width, decoded.Height, cancellationToken));
        float[] thresholds = [1f, (float)model.Entry.Thresholds.Porosity, (float)model.Entry.Thresholds.ColdShut];
        var defects = timings.Time("extract", () => DefectExtractor.Extract(maps.Probabilities.Span, maps.Width, maps.Height, thresholds, transform));
        var quality = new Dictionary<string, double>();
        var inspection = new ViewInspection(
            view.Id, decoded.Width, decoded.Height, decoded.BitDepth, transform, 1.0, quality, timings.Finish(), model.Name, model.Version);
        var extent = new RectMm(0, 0, decoded.Width * view.PixelSizeMm, decoded.Height * view.PixelSizeMm);
        return (new ViewObservation(view.Id, defects, reviewReasons, extent), inspection);
    }

    private static void Validate(ViewDefinition view, DecodedImage image)
    {
        if (view.AnySize)
        {
            return;
        }

        var dw = Math.Abs(image.Width - view.WidthPx) / (double)view.WidthPx;
        var dh = Math.Abs(image.Height - view.HeightPx) / (double)view.HeightPx;
        if (dw > view.SizeToleranceFraction || dh > view.SizeToleranceFraction)
        {
            throw new InvalidImageException(view.Id, ImageProblem.SizeMismatch, string.Create(CultureInfo.InvariantCulture,
                $"image is {image.Width}×{image.Height} px but the view expects {view.WidthPx}×{view.HeightPx} px (±{view.SizeToleranceFraction:P0})"));
        }
    }
}

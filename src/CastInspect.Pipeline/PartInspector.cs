using System.Diagnostics;
using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Imaging.Decoding;
using CastInspect.Imaging.Measurement;
using CastInspect.Imaging.Preprocessing;
using CastInspect.Imaging.Quality;
using CastInspect.Imaging.Registration;
using CastInspect.Inference;
using CastInspect.Inference.Manifest;
using CastInspect.Pipeline.Views;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace CastInspect.Pipeline;

/// <summary>
/// The one <see cref="IPartInspector"/>: per view decode → validate → normalise → register → quality gate →
/// tile + infer (batched) + stitch → extract defects; then judge the part. Thread-safe; register as a singleton.
/// Reference and calibration images are loaded once per view and kept until <see cref="Dispose"/>.
/// </summary>
public sealed class PartInspector : IPartInspector, IDisposable
{
    private readonly ModelCatalog models;
    private readonly ViewAssets assets = new();
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

    /// <summary>Releases the cached reference and calibration images.</summary>
    public void Dispose() => assets.Dispose();

    /// <summary>
    /// Runs one view up to the model's probability maps (decode → validate → normalise → register → quality gate → tile +
    /// infer + stitch), without extracting or judging defects: what threshold tuning sweeps over.
    /// </summary>
    public ViewPrediction Predict(ViewDefinition view, ViewImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(image);
        return Predict(view, image, new StageTimer(), cancellationToken);
    }

    private ViewPrediction Predict(ViewDefinition view, ViewImage image, StageTimer timings, CancellationToken cancellationToken)
    {
#pragma warning disable IDISP001 // the catalog owns its models
        var model = models.For(view.Modality);
#pragma warning restore IDISP001
        var normalisation = model.Entry.InputNormalisation;
        using var decoded = timings.Time("decode", () => ImageDecoder.Decode(image, view));
        var reviewReasons = new List<string>();
        using var prepared = PrepareAndRegister(view, decoded, normalisation, timings, reviewReasons, out var transform, out var score, out var registered);
        var quality = timings.Time("quality", () => Quality(view, decoded, transform, reviewReasons));
        cancellationToken.ThrowIfCancellationRequested();
        var (width, height) = (decoded.Cols, decoded.Rows);
        var maps = timings.Time("infer", () => model.Predict(prepared.AsSpan<float>(), width, height, cancellationToken));
        var bitDepth = decoded.Depth() == MatType.CV_8U ? 8 : 16;
        var extent = new RectMm(0, 0, width * view.PixelSizeMm, height * view.PixelSizeMm);
        var kept = model.SecondLooks.Count == 0 ? null : prepared.AsSpan<float>().ToArray();
        var uncertainty = registered ? 0 : view.PositionToleranceMm;
        return new ViewPrediction(maps, transform, score, quality, reviewReasons, extent, bitDepth, model.Entry, kept, model.SecondLooks, uncertainty);
    }

    private (ViewObservation, ViewInspection) InspectView(ViewDefinition view, ViewImage image, CancellationToken cancellationToken)
    {
        var timings = new StageTimer();
        var p = Predict(view, image, timings, cancellationToken);
        var entry = p.Model;
        float[] thresholds = [1f, (float)entry.Thresholds.Porosity, (float)entry.Thresholds.ColdShut];
        var extraction = ExtractionOptions(entry, view);
        var found = timings.Time("extract", () => DefectExtractor.Extract(p.Maps.Probabilities.Span, p.Maps.Width, p.Maps.Height, thresholds, p.Transform, extraction));
        var defects = p.SecondLooks is { Count: > 0 } ? timings.Time("second_look", () => SecondLookScreen.Apply(found, p, screen: true)) : found;
        var inspection = new ViewInspection(
            view.Id, p.Maps.Width, p.Maps.Height, p.BitDepth, p.Transform, p.RegistrationScore, p.Quality, timings.Finish(), entry.Name, entry.Version, entry.Sha256);
        return (p.Observation(view.Id, defects), inspection);
    }

    /// <summary>The model's input (the caller owns it) and the view's registration. The corrected grey image and its
    /// window serve both and are released before inference.</summary>
    private Mat PrepareAndRegister(
        ViewDefinition view, Mat decoded, InputNormalisation normalisation, StageTimer timings, List<string> reviewReasons, out ViewTransform transform, out double score, out bool registered)
    {
        var calibration = assets.CalibrationFor(view);
        using var corrected = timings.Time("preprocess", () => Preprocessor.Correct(decoded, view.Modality, calibration));
        var window = timings.Time("preprocess", () => Windowing.Window(corrected, normalisation));
        var prepared = timings.Time("preprocess", () => Windowing.Apply(corrected, normalisation, window));
        try
        {
            (transform, score, registered) = timings.Time("register", () => Register(view, corrected, window, prepared, normalisation, reviewReasons));
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>How the components of <paramref name="entry"/>'s maps become defects on <paramref name="view"/>: the
    /// model's operating point and the view's ejector-pin witness marks.</summary>
    internal static DefectExtractionOptions ExtractionOptions(ModelEntry entry, ViewDefinition view) =>
        OperatingPoint(entry) with { EjectorPins = view.EjectorPins };

    /// <summary>The model's operating point as extraction options, whatever the view.</summary>
    internal static DefectExtractionOptions OperatingPoint(ModelEntry entry) => DefectExtractionOptions.Default with
    {
        MinAreaPxByClass = entry.MinAreaPx is { } floor
            ? new Dictionary<DefectClass, int> { [DefectClass.Porosity] = floor.Porosity, [DefectClass.ColdShut] = floor.ColdShut }
            : new Dictionary<DefectClass, int>(),
        MeasureAtPeakFractionByClass = ByClass(entry.MeasureAtPeakFraction?.Porosity, entry.MeasureAtPeakFraction?.ColdShut),
        GrowThresholdByClass = ByClass(entry.GrowThresholds?.Porosity, entry.GrowThresholds?.ColdShut),
        MinAspectRatioByClass = ByClass(entry.MinAspectRatios?.Porosity, entry.MinAspectRatios?.ColdShut),
        LinkDistanceMmByClass = ByClass(entry.LinkDistancesMm?.Porosity, entry.LinkDistancesMm?.ColdShut),
    };

    private static Dictionary<DefectClass, double> ByClass(double? porosity, double? coldShut) =>
        new[] { (DefectClass.Porosity, porosity), (DefectClass.ColdShut, coldShut) }
            .Where(x => x.Item2 is not null)
            .ToDictionary(x => x.Item1, x => x.Item2!.Value);

    /// <summary>Registers in the linear window whatever the model reads, so that a model's intensity transform cannot
    /// move where the zones land (the registrar was tuned on linear grey values).</summary>
    /// <param name="corrected">The view as <see cref="Preprocessor.Correct"/> left it, and <paramref name="window"/> its
    /// grey-value window: the linear image is windowed from them, not corrected again.</param>
    private (ViewTransform Transform, double Score, bool Registered) Register(
        ViewDefinition view, Mat corrected, (double Low, double High) window, Mat prepared, InputNormalisation normalisation, List<string> reviewReasons)
    {
        var linear = normalisation with { Transform = IntensityTransform.Linear };
        var reference = assets.ReferenceFor(view, linear);
        if (reference is null)
        {
            return (ViewTransform.Identity(view.PixelSizeMm), 1.0, false);
        }

        using var linearImage = normalisation.Transform == IntensityTransform.Linear
            ? null
            : Windowing.Apply(corrected, linear, window);
        var result = ViewRegistrar.Register(linearImage ?? prepared, reference, view.PixelSizeMm);
        if (result.ReviewReason is { } reason)
        {
            reviewReasons.Add(reason);
        }

        return (result.Transform, result.Score, result.ReviewReason is null);
    }

    private static IReadOnlyDictionary<string, double> Quality(ViewDefinition view, Mat decoded, ViewTransform transform, List<string> reviewReasons)
    {
        if (view.Modality != Modality.Xray || view.ImageQuality is null)
        {
            return new Dictionary<string, double>();
        }

        var result = ImageQualityGate.Evaluate(decoded, view.ImageQuality, transform);
        reviewReasons.AddRange(result.ReviewReasons);
        return result.Metrics;
    }
}

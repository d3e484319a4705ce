using CastInspect.Core.Parts;
using CastInspect.Inference.Manifest;
using CastInspect.Inference.SecondLook;
using CastInspect.Inference.Segmentation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace CastInspect.Inference;

/// <summary>
/// The shipped models, verified against the manifest and loaded once at start-up (one session per model, shared).
/// Any mismatch throws <see cref="ModelManifestException"/> and stops start-up.
/// </summary>
public sealed class ModelCatalog : IDisposable
{
    private readonly Dictionary<Modality, SegmentationModel> byModality;

    private ModelCatalog(IReadOnlyList<SegmentationModel> models, ProviderDecision provider)
    {
        Models = models;
        Provider = provider;
        byModality = models.GroupBy(m => m.Entry.Modality).ToDictionary(g => g.Key, g => g.First());
    }

    public IReadOnlyList<SegmentationModel> Models { get; }

    public ProviderDecision Provider { get; }

    /// <summary>Loads and verifies every model in <paramref name="modelsDirectory"/>/manifest.json.</summary>
    /// <exception cref="ModelManifestException">Manifest or a model file does not match.</exception>
    /// <exception cref="InferenceConfigurationException">The requested device cannot be used.</exception>
    public static ModelCatalog Load(string modelsDirectory, InferenceOptions options, ILogger? logger = null) =>
        Load(modelsDirectory, options, ExecutionEnvironment.Probe(), logger);

    internal static ModelCatalog Load(string modelsDirectory, InferenceOptions options, ExecutionEnvironment environment, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var manifest = ModelManifest.Load(Path.Combine(modelsDirectory, ModelManifest.FileName));
        var decision = ExecutionProviderSelector.Select(options.Device, environment);
        InferenceLog.ProviderChosen(logger, decision.Provider, decision.Reason);
        var models = new List<SegmentationModel>();
        try
        {
            foreach (var entry in manifest.Models)
            {
                var path = Path.Combine(modelsDirectory, entry.File);
                ModelVerifier.VerifyEntry(entry, path);
                models.Add(Open(entry, path, options, decision));
                InferenceLog.ModelLoaded(logger, entry.Name, entry.Version, entry.Modality.ToString(), path, entry.Input.Name, entry.Tile.Size, entry.Tile.Overlap);
                foreach (var look in entry.SecondLooks ?? [])
                {
                    InferenceLog.SecondLookLoaded(
                        logger, entry.Name, look.Class, look.MinAreaPx, look.File, look.AlongComponent ? "best patch along the component" : "centroid patch", look.MinScore);
                }
            }
        }
        catch
        {
            foreach (var m in models)
            {
                m.Dispose();
            }

            throw;
        }

        return new ModelCatalog(models, decision);
    }

    /// <summary>The model for views of <paramref name="modality"/>.</summary>
    /// <exception cref="ModelManifestException">No model in the manifest serves this modality.</exception>
    public SegmentationModel For(Modality modality) =>
        byModality.TryGetValue(modality, out var model)
            ? model
            : throw new ModelManifestException($"no model for {modality} views in the manifest: add one (models/training/train.sh) or remove the view");

    public void Dispose()
    {
        foreach (var m in Models)
        {
            m.Dispose();
        }
    }

    /// <summary>The effective <see cref="InferenceOptions.MaxConcurrentRuns"/>: as set, else 1 on CPU and 2 on a GPU.</summary>
    internal static int ConcurrentRuns(InferenceOptions options, ProviderDecision decision) => options.MaxConcurrentRuns > 0
        ? options.MaxConcurrentRuns
        : decision.Provider == ExecutionProviderKind.Cpu ? 1 : 2;

    private static SegmentationModel Open(ModelEntry entry, string path, InferenceOptions options, ProviderDecision decision)
    {
        var session = OpenSession(path, options, decision);
        SegmentationModel model;
        try
        {
            ModelVerifier.VerifySession(entry, session);
            model = new SegmentationModel(entry, session, options.BatchSize, ConcurrentRuns(options, decision));
        }
        catch
        {
            session.Dispose();
            throw;
        }

        try
        {
            SecondLookVerifier.VerifyClasses(entry);
            foreach (var spec in entry.SecondLooks ?? [])
            {
                model.AddSecondLook(OpenSecondLook(entry.Name, spec, Path.Combine(Path.GetDirectoryName(path) ?? ".", spec.File), options, decision));
            }

            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static SecondLookModel OpenSecondLook(string modelName, SecondLookSpec spec, string path, InferenceOptions options, ProviderDecision decision)
    {
        SecondLookVerifier.VerifySpec(modelName, spec, path);
        var session = OpenSession(path, options, decision);
        try
        {
            SecondLookVerifier.VerifySession(modelName, spec, session);
            return new SecondLookModel(spec, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static InferenceSession OpenSession(string path, InferenceOptions options, ProviderDecision decision)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (decision.Provider == ExecutionProviderKind.TensorRt)
        {
            sessionOptions.AppendExecutionProvider_Tensorrt(options.GpuDeviceId);
        }

        if (decision.Provider is ExecutionProviderKind.TensorRt or ExecutionProviderKind.Cuda)
        {
            sessionOptions.AppendExecutionProvider_CUDA(options.GpuDeviceId);
        }

        return new InferenceSession(path, sessionOptions);
    }
}

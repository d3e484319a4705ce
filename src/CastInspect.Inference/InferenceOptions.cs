namespace CastInspect.Inference;

/// <summary>Where and how models run. Bound from configuration section "Inference".</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>auto (default): CUDA/TensorRT when a GPU and the provider libraries are there, else CPU. cpu | cuda force one.</summary>
    public ExecutionDevice Device { get; set; } = ExecutionDevice.Auto;

    /// <summary>Threads ONNX Runtime uses inside one operator. 0 (default) = ONNX Runtime's choice (one per physical core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads for running independent graph nodes in parallel. Default 1 (the models are a single chain).</summary>
    public int InterOpThreads { get; set; } = 1;

    /// <summary>Tiles per ONNX Run call. Default 4: large enough to amortise call overhead, small enough for modest memory.</summary>
    public int BatchSize { get; set; } = 4;

    /// <summary>
    /// ONNX Runtime Run calls in flight per model at once; further callers wait their turn. 0 (default) = 1 on CPU, where
    /// one Run already uses every core through its intra-op threads and more in flight only add memory (each keeps its
    /// own activations), and 2 on a GPU, so one batch is being copied while another runs.
    /// </summary>
    public int MaxConcurrentRuns { get; set; }

    /// <summary>CUDA device index when running on a GPU. Default 0.</summary>
    public int GpuDeviceId { get; set; }
}

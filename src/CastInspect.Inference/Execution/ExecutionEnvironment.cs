using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace CastInspect.Inference;

/// <summary>What this process can run on: the facts the execution-provider choice is made from.</summary>
/// <param name="BuildHasGpuPackage">Built with -p:OnnxRuntimeGpu=true (links Microsoft.ML.OnnxRuntime.Gpu.Linux).</param>
/// <param name="AvailableProviders">OrtEnv.GetAvailableProviders(), e.g. CPUExecutionProvider, CUDAExecutionProvider.</param>
/// <param name="GpuPresent">An NVIDIA device node (/dev/nvidia*) or nvidia-smi exists.</param>
/// <param name="CudaRuntimePresent">libcudart can be loaded.</param>
/// <param name="TensorRtPresent">libnvinfer can be loaded.</param>
public sealed record ExecutionEnvironment(
    bool BuildHasGpuPackage,
    IReadOnlyCollection<string> AvailableProviders,
    bool GpuPresent,
    bool CudaRuntimePresent,
    bool TensorRtPresent)
{
    public const string CudaProvider = "CUDAExecutionProvider";
    public const string TensorRtProvider = "TensorrtExecutionProvider";

    private static readonly string[] CudaRuntimeNames = ["libcudart.so.12", "libcudart.so.13", "libcudart.so.11.0", "libcudart.so"];
    private static readonly string[] TensorRtNames = ["libnvinfer.so.10", "libnvinfer.so.8", "libnvinfer.so"];

    /// <summary>Looks at this machine and process.</summary>
    public static ExecutionEnvironment Probe() => new(
        BuildHasGpuPackage: IsGpuBuild,
        AvailableProviders: OrtEnv.Instance().GetAvailableProviders(),
        GpuPresent: HasNvidiaDevice(),
        CudaRuntimePresent: CanLoadAny(CudaRuntimeNames),
        TensorRtPresent: CanLoadAny(TensorRtNames));

    internal static bool IsGpuBuild =>
#if ONNXRUNTIME_GPU
        true;
#else
        false;
#endif

    private static bool HasNvidiaDevice()
    {
        if (Directory.Exists("/dev") && Directory.EnumerateFiles("/dev", "nvidia*").Any())
        {
            return true;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, "nvidia-smi")));
    }

    private static bool CanLoadAny(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return true;
            }
        }

        return false;
    }
}

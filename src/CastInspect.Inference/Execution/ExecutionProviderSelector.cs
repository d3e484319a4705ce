namespace CastInspect.Inference;

/// <summary>Chooses the execution provider from the requested device and what the machine offers. Pure: no I/O.</summary>
public static class ExecutionProviderSelector
{
    /// <exception cref="InferenceConfigurationException">cuda was requested but something it needs is missing.</exception>
    public static ProviderDecision Select(ExecutionDevice requested, ExecutionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (requested == ExecutionDevice.Cpu)
        {
            return new ProviderDecision(ExecutionProviderKind.Cpu, "Inference:Device is cpu");
        }

        var missing = MissingForCuda(environment);
        if (missing.Count > 0)
        {
            if (requested == ExecutionDevice.Cuda)
            {
                throw new InferenceConfigurationException(
                    "Inference:Device is cuda but " + string.Join("; ", missing) +
                    ". Fix these (see docs/gpu.md) or set Inference:Device to auto or cpu.");
            }

            return new ProviderDecision(ExecutionProviderKind.Cpu, "running on CPU because " + string.Join("; ", missing));
        }

        var tensorRt = environment.TensorRtPresent && environment.AvailableProviders.Contains(ExecutionEnvironment.TensorRtProvider);
        return tensorRt
            ? new ProviderDecision(ExecutionProviderKind.TensorRt, "GPU, CUDA runtime and TensorRT (libnvinfer) found: TensorRT with CUDA fallback")
            : new ProviderDecision(ExecutionProviderKind.Cuda, "GPU and CUDA runtime found" +
                (environment.TensorRtPresent ? string.Empty : "; TensorRT (libnvinfer) not found, using CUDA"));
    }

    private static List<string> MissingForCuda(ExecutionEnvironment environment)
    {
        var missing = new List<string>();
        if (!environment.BuildHasGpuPackage)
        {
            missing.Add("this build links the CPU-only ONNX Runtime (rebuild with -p:OnnxRuntimeGpu=true)");
        }
        else if (!environment.AvailableProviders.Contains(ExecutionEnvironment.CudaProvider))
        {
            missing.Add("ONNX Runtime does not offer CUDAExecutionProvider (libonnxruntime_providers_cuda.so not deployed next to the executable)");
        }

        if (!environment.GpuPresent)
        {
            missing.Add("no NVIDIA GPU found (no /dev/nvidia* device and no nvidia-smi)");
        }

        if (!environment.CudaRuntimePresent)
        {
            missing.Add("the CUDA runtime libcudart.so could not be loaded (install CUDA 12 runtime and cuDNN 9, or add them to LD_LIBRARY_PATH)");
        }

        return missing;
    }
}

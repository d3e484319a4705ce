namespace CastInspect.Inference.Tests.Execution;

public class ExecutionProviderSelectorTests
{
    private static readonly string[] CpuOnly = ["CPUExecutionProvider"];
    private static readonly string[] WithCuda = ["CUDAExecutionProvider", "CPUExecutionProvider"];
    private static readonly string[] WithTensorRt = ["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"];

    private static ExecutionEnvironment Gpu(string[]? providers = null, bool tensorRtLib = false) =>
        new(BuildHasGpuPackage: true, providers ?? WithCuda, GpuPresent: true, CudaRuntimePresent: true, TensorRtPresent: tensorRtLib);

    [Fact]
    public void Select_CpuRequestedOnGpuMachine_Cpu()
    {
        var d = ExecutionProviderSelector.Select(ExecutionDevice.Cpu, Gpu());
        Assert.Equal(ExecutionProviderKind.Cpu, d.Provider);
        Assert.Contains("cpu", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AutoWithGpuAndCuda_Cuda()
    {
        var d = ExecutionProviderSelector.Select(ExecutionDevice.Auto, Gpu());
        Assert.Equal(ExecutionProviderKind.Cuda, d.Provider);
        Assert.Contains("TensorRT", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AutoWithTensorRtLibraryAndProvider_TensorRt()
    {
        var d = ExecutionProviderSelector.Select(ExecutionDevice.Auto, Gpu(WithTensorRt, tensorRtLib: true));
        Assert.Equal(ExecutionProviderKind.TensorRt, d.Provider);
    }

    [Fact]
    public void Select_AutoWithTensorRtLibraryButNoProvider_Cuda()
    {
        var d = ExecutionProviderSelector.Select(ExecutionDevice.Auto, Gpu(WithCuda, tensorRtLib: true));
        Assert.Equal(ExecutionProviderKind.Cuda, d.Provider);
    }

    [Fact]
    public void Select_AutoOnCpuBuild_CpuNamingTheBuildSwitch()
    {
        var env = Gpu() with { BuildHasGpuPackage = false, AvailableProviders = CpuOnly };
        var d = ExecutionProviderSelector.Select(ExecutionDevice.Auto, env);
        Assert.Equal(ExecutionProviderKind.Cpu, d.Provider);
        Assert.Contains("-p:OnnxRuntimeGpu=true", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AutoGpuBuildWithoutCudaProvider_CpuNamingTheProviderLibrary()
    {
        var d = ExecutionProviderSelector.Select(ExecutionDevice.Auto, Gpu(CpuOnly));
        Assert.Equal(ExecutionProviderKind.Cpu, d.Provider);
        Assert.Contains("CUDAExecutionProvider", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AutoWithoutGpuDevice_CpuNamingTheDevice()
    {
        var d = ExecutionProviderSelector.Select(ExecutionDevice.Auto, Gpu() with { GpuPresent = false });
        Assert.Equal(ExecutionProviderKind.Cpu, d.Provider);
        Assert.Contains("no NVIDIA GPU", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AutoWithoutCudaRuntime_CpuNamingLibcudart()
    {
        var d = ExecutionProviderSelector.Select(ExecutionDevice.Auto, Gpu() with { CudaRuntimePresent = false });
        Assert.Equal(ExecutionProviderKind.Cpu, d.Provider);
        Assert.Contains("libcudart", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_CudaRequestedWithEverything_Cuda()
    {
        Assert.Equal(ExecutionProviderKind.Cuda, ExecutionProviderSelector.Select(ExecutionDevice.Cuda, Gpu()).Provider);
    }

    [Fact]
    public void Select_CudaRequestedOnCpuMachine_ThrowsListingEverythingMissing()
    {
        var env = new ExecutionEnvironment(false, CpuOnly, GpuPresent: false, CudaRuntimePresent: false, TensorRtPresent: false);
        var ex = Assert.Throws<InferenceConfigurationException>(() => ExecutionProviderSelector.Select(ExecutionDevice.Cuda, env));
        Assert.Contains("-p:OnnxRuntimeGpu=true", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no NVIDIA GPU", ex.Message, StringComparison.Ordinal);
        Assert.Contains("libcudart", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Inference:Device", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_ThisCpuBuild_ReportsNoGpuPackageAndCpuProvider()
    {
        var env = ExecutionEnvironment.Probe();
        Assert.False(env.BuildHasGpuPackage);
        Assert.Contains("CPUExecutionProvider", env.AvailableProviders);
    }

    [Theory]
    [InlineData(ExecutionProviderKind.Cpu, 0, 1)]
    [InlineData(ExecutionProviderKind.Cuda, 0, 2)]
    [InlineData(ExecutionProviderKind.TensorRt, 0, 2)]
    [InlineData(ExecutionProviderKind.Cpu, 3, 3)]
    public void ConcurrentRuns_DefaultOrConfigured_OnePerCpuTwoPerGpuUnlessSet(ExecutionProviderKind provider, int configured, int expected)
    {
        var options = new InferenceOptions { MaxConcurrentRuns = configured };
        Assert.Equal(expected, ModelCatalog.ConcurrentRuns(options, new ProviderDecision(provider, "test")));
    }
}

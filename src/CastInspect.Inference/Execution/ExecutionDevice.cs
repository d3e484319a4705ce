namespace CastInspect.Inference;

/// <summary>The device requested in Inference:Device.</summary>
public enum ExecutionDevice
{
    Auto,
    Cpu,
    Cuda,
}

/// <summary>The ONNX Runtime execution provider actually used.</summary>
public enum ExecutionProviderKind
{
    Cpu,
    Cuda,

    /// <summary>TensorRT first, CUDA for nodes TensorRT does not take.</summary>
    TensorRt,
}

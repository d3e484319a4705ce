using Microsoft.ML.OnnxRuntime;

namespace CastInspect.Inference.Segmentation;

/// <summary>Pinned input and output tensors for one batch size, created once and reused for every Run.</summary>
internal sealed class TileBatchBuffers : IDisposable
{
    public TileBatchBuffers(int count, int tile, int classes)
    {
        Count = count;
        Input = new float[count * tile * tile];
        Output = new float[count * classes * tile * tile];
        InputValue = OrtValue.CreateTensorValueFromMemory(Input, [count, 1, tile, tile]);
        OutputValue = OrtValue.CreateTensorValueFromMemory(Output, [count, classes, tile, tile]);
        Inputs = [InputValue];
        Outputs = [OutputValue];
    }

    public int Count { get; }

    public float[] Input { get; }

    public float[] Output { get; }

    public OrtValue InputValue { get; }

    public OrtValue OutputValue { get; }

    public IReadOnlyCollection<OrtValue> Inputs { get; }

    public IReadOnlyCollection<OrtValue> Outputs { get; }

    public void Dispose()
    {
        InputValue.Dispose();
        OutputValue.Dispose();
    }
}

using CastInspect.Inference.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace CastInspect.Inference.SecondLook;

/// <summary>
/// A segmentation model's second look (<see cref="SecondLookSpec"/>) with its one shared <see cref="InferenceSession"/>:
/// scores components on patches of [normalised image, class probability] cut as <c>models/training/look_patches.py</c> cuts them.
/// </summary>
public sealed class SecondLookModel : IDisposable
{
    private const int BatchSize = 256;
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly string[] inputNames;
    private readonly string[] outputNames;

    internal SecondLookModel(SecondLookSpec spec, InferenceSession session)
    {
        Spec = spec;
        this.session = session;
        inputNames = [spec.Input];
        outputNames = [spec.Output];
    }

    public SecondLookSpec Spec { get; }

    /// <summary>The score (probability of the class) of a component centred on each of <paramref name="centres"/> (x, y in px).</summary>
    /// <param name="image">The normalised image the segmentation model read, row-major.</param>
    /// <param name="probabilities">The class's probability map, row-major, of the same size.</param>
    public float[] Score(ReadOnlySpan<float> image, ReadOnlySpan<float> probabilities, int width, int height, IReadOnlyList<(double X, double Y)> centres)
    {
        ArgumentNullException.ThrowIfNull(centres);
        if (width <= 0 || height <= 0 || image.Length != width * height || probabilities.Length != width * height)
        {
            throw new ArgumentException($"image and probabilities must each hold {width} × {height} values, got {image.Length} and {probabilities.Length}");
        }

        var patch = Spec.PatchPx;
        var scores = new float[centres.Count];
        for (var first = 0; first < centres.Count; first += BatchSize)
        {
            var count = Math.Min(BatchSize, centres.Count - first);
            var input = new float[count * 2 * patch * patch];
            for (var k = 0; k < count; k++)
            {
                var (x, y) = centres[first + k];
                PatchCutter.Cut(image, probabilities, width, height, x, y, patch, input.AsSpan(k * 2 * patch * patch, 2 * patch * patch));
            }

            using var value = OrtValue.CreateTensorValueFromMemory(input, [count, 2, patch, patch]);
            using var outputs = session.Run(runOptions, inputNames, [value], outputNames);
            outputs[0].GetTensorDataAsSpan<float>().CopyTo(scores.AsSpan(first, count));
        }

        return scores;
    }

    public void Dispose()
    {
        runOptions.Dispose();
        session.Dispose();
    }
}

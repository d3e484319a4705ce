namespace CastInspect.Inference.Segmentation;

/// <summary>Per-pixel class probabilities of one image: [classes, height, width] row-major, channel = DefectClass value (0 background).</summary>
public sealed class SegmentationMaps
{
    public const int Classes = 3;

    public SegmentationMaps(int width, int height, float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Length != Classes * width * height)
        {
            throw new ArgumentException($"probabilities must hold {Classes} × width × height values");
        }

        Width = width;
        Height = height;
        Probabilities = probabilities;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>[classes, height, width], handed on without copying.</summary>
    public ReadOnlyMemory<float> Probabilities { get; }

    public ReadOnlySpan<float> Channel(int cls) => Probabilities.Span.Slice(cls * Width * Height, Width * Height);

    /// <summary>Class per pixel (0 background, 1 porosity, 2 cold shut): the most probable defect class reaching its threshold.</summary>
    public byte[] ToClassMap(double porosityThreshold, double coldShutThreshold)
    {
        var porosity = Channel(1);
        var coldShut = Channel(2);
        var map = new byte[porosity.Length];
        for (var i = 0; i < map.Length; i++)
        {
            var p = porosity[i];
            var c = coldShut[i];
            if (p >= porosityThreshold && p >= c)
            {
                map[i] = 1;
            }
            else if (c >= coldShutThreshold)
            {
                map[i] = 2;
            }
        }

        return map;
    }
}

namespace CastInspect.Inference.SecondLook;

/// <summary>Cuts the second look's [image, probability] patches exactly as <c>models/training/look_patches.py</c> does.</summary>
public static class PatchCutter
{
    /// <summary>Top-left pixel of the <paramref name="size"/> px patch centred on (<paramref name="x"/>, <paramref name="y"/>):
    /// floor(c + 0.5) − size / 2.</summary>
    public static (int X, int Y) Origin(double x, double y, int size) =>
        ((int)Math.Floor(x + 0.5) - (size / 2), (int)Math.Floor(y + 0.5) - (size / 2));

    /// <summary>Writes the image channel (mirrored past the border without repeating the edge pixel, OpenCV
    /// BORDER_REFLECT_101) and then the probability channel (0 past the border) into <paramref name="destination"/>
    /// (2 × size × size values).</summary>
    public static void Cut(ReadOnlySpan<float> image, ReadOnlySpan<float> probabilities, int width, int height, double x, double y, int size, Span<float> destination)
    {
        if (destination.Length != 2 * size * size)
        {
            throw new ArgumentException($"a {size} px patch of 2 channels needs {2 * size * size} values, got {destination.Length}", nameof(destination));
        }

        var (x0, y0) = Origin(x, y, size);
        var plane = size * size;
        for (var py = 0; py < size; py++)
        {
            var sy = y0 + py;
            var ry = Mirror(sy, height);
            for (var px = 0; px < size; px++)
            {
                var sx = x0 + px;
                destination[(py * size) + px] = image[(ry * width) + Mirror(sx, width)];
                destination[plane + (py * size) + px] = sx >= 0 && sx < width && sy >= 0 && sy < height ? probabilities[(sy * width) + sx] : 0f;
            }
        }
    }

    /// <summary>Index <paramref name="i"/> mirrored into [0, n) about the first and last pixel (… 2 1 | 0 1 2 … n−1 | n−2 …).</summary>
    internal static int Mirror(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        var period = 2 * (n - 1);
        var m = ((i % period) + period) % period;
        return m < n ? m : period - m;
    }
}

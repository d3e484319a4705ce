using CastInspect.Core.Inspection;
using OpenCvSharp;

namespace CastInspect.Imaging.Preprocessing;

/// <summary>
/// The one implementation of <see cref="InputNormalisation"/> (docs/normalisation.md; models/training/data.py matches it):
/// nearest-rank percentiles over all pixels of an 8/16-bit image, <c>lo = v[⌊p_lo/100·(n−1) + 0.5⌋]</c> and
/// <c>hi = v[⌊p_hi/100·(n−1) + 0.5⌋]</c> of the sorted values v, then <c>x = clip((v − lo) / (hi − lo), 0, 1)</c> as float32,
/// or with <see cref="IntensityTransform.Sqrt"/> <c>x = clip((√v − √lo) / (√hi − √lo), 0, 1)</c>; <c>hi ≤ lo</c> gives 0 everywhere.
/// </summary>
public static class Windowing
{
    /// <summary>The low and high grey values of the window (exact, from the full histogram).</summary>
    public static (double Low, double High) Window(Mat image, InputNormalisation normalisation)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(normalisation);
        var histogram = Histogram(image);
        long n = image.Rows * (long)image.Cols;
        return (Percentile(histogram, n, normalisation.LowPercentile), Percentile(histogram, n, normalisation.HighPercentile));
    }

    /// <summary>Windows an 8/16-bit single-channel image to float32 [0, 1]; the caller owns the result.</summary>
    public static Mat Apply(Mat image, InputNormalisation normalisation) => Apply(image, normalisation, Window(image, normalisation));

    /// <summary>Windows an image by a <paramref name="window"/> already taken (<see cref="Window"/>): the percentiles do
    /// not depend on the transform, so one histogram serves a view windowed linearly and by square root.</summary>
    public static Mat Apply(Mat image, InputNormalisation normalisation, (double Low, double High) window)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(normalisation);
        var (lo, hi) = window;
        var output = new Mat();
        if (hi <= lo)
        {
            output.Create(image.Rows, image.Cols, MatType.CV_32FC1);
            output.SetTo(Scalar.All(0));
            return output;
        }

        if (normalisation.Transform == IntensityTransform.Sqrt)
        {
            image.ConvertTo(output, MatType.CV_32FC1);
            Cv2.Sqrt(output, output);
            (lo, hi) = (Math.Sqrt(lo), Math.Sqrt(hi));
            var rootScale = 1.0 / (hi - lo);
            output.ConvertTo(output, MatType.CV_32FC1, rootScale, -lo * rootScale);
        }
        else
        {
            var scale = 1.0 / (hi - lo);
            image.ConvertTo(output, MatType.CV_32FC1, scale, -lo * scale);
        }

        Cv2.Min(output, Scalar.All(1), output);
        Cv2.Max(output, Scalar.All(0), output);
        return output;
    }

    internal static long[] Histogram(Mat image)
    {
        var depth = image.Depth();
        if (image.Channels() != 1 || (depth != MatType.CV_8U && depth != MatType.CV_16U))
        {
            throw new ArgumentException($"windowing needs a single-channel 8- or 16-bit image, got {image.Type()}", nameof(image));
        }

        using var continuous = image.IsContinuous() ? null : image.Clone();
        var source = continuous ?? image;
        if (depth == MatType.CV_8U)
        {
            var h8 = new long[256];
            foreach (var v in source.AsSpan<byte>())
            {
                h8[v]++;
            }

            return h8;
        }

        var h16 = new long[65536];
        foreach (var v in source.AsSpan<ushort>())
        {
            h16[v]++;
        }

        return h16;
    }

    /// <summary>Nearest rank: the sorted value at ⌊p/100·(n−1) + 0.5⌋, clamped to [0, n−1].</summary>
    internal static double Percentile(long[] histogram, long n, double percent)
    {
        var rank = Math.Clamp((long)Math.Floor((percent / 100.0 * (n - 1)) + 0.5), 0, n - 1);
        return ValueAtRank(histogram, rank);
    }

    private static int ValueAtRank(long[] histogram, long rank)
    {
        long seen = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen > rank)
            {
                return v;
            }
        }

        return histogram.Length - 1;
    }
}

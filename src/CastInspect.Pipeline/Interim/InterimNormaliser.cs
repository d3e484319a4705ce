using CastInspect.Core.Inspection;

namespace CastInspect.Pipeline.Interim;

/// <summary>
/// Percentile window to [0, 1] with nearest-rank percentiles (rank = floor(p/100·(n−1) + 0.5) of the sorted samples),
/// exactly as models/training/data.py does. Stands in until CastInspect.Imaging's normaliser lands on main.
/// </summary>
internal static class InterimNormaliser
{
    public static float[] Normalise(DecodedImage image, InputNormalisation normalisation)
    {
        var (lo, hi) = Window(image, normalisation);
        var result = new float[image.Pixels.Length];
        if (hi <= lo)
        {
            return result;
        }

        var scale = 1f / (hi - lo);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Clamp((image.Pixels[i] - lo) * scale, 0f, 1f);
        }

        return result;
    }

    private static (float Lo, float Hi) Window(DecodedImage image, InputNormalisation normalisation)
    {
        var histogram = new long[1 << image.BitDepth];
        foreach (var v in image.Pixels)
        {
            histogram[(int)v]++;
        }

        var n = image.Pixels.Length;
        return (ValueAtRank(histogram, Rank(normalisation.LowPercentile, n)), ValueAtRank(histogram, Rank(normalisation.HighPercentile, n)));
    }

    private static long Rank(double percentile, int n) =>
        Math.Clamp((long)Math.Floor((percentile / 100.0 * (n - 1)) + 0.5), 0, n - 1);

    private static float ValueAtRank(long[] histogram, long rank)
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

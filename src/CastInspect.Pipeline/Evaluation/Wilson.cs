namespace CastInspect.Pipeline.Evaluation;

/// <summary>The Wilson score interval of a share: how low a precision measured on a few hundred detections may truly be.</summary>
public static class Wilson
{
    /// <summary>The one-sided lower bound of <paramref name="successes"/> of <paramref name="trials"/> at
    /// <paramref name="confidence"/> (e.g. 0.95); null where there are no trials.</summary>
    public static double? LowerBound(int successes, int trials, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!(confidence is > 0.5 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "give a confidence between 0.5 and 1 (0.95 is 95 %)");
        }

        if (trials == 0)
        {
            return null;
        }

        var z = NormalQuantile(confidence);
        var (n, p, z2) = ((double)trials, successes / (double)trials, z * z);
        var centre = p + (z2 / (2 * n));
        var spread = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (centre - spread) / (1 + (z2 / n));
    }

    /// <summary>The standard normal quantile for a probability above 0.5 (Abramowitz and Stegun 26.2.23, error below 4.5e-4).</summary>
    private static double NormalQuantile(double probability)
    {
        var t = Math.Sqrt(-2 * Math.Log(1 - probability));
        return t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t)));
    }
}

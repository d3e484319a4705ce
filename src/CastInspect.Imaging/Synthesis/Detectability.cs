using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>
/// How visible a planted flaw is in the image it was drawn into: the ideal observer's signal-to-noise ratio
/// d′ = √Σ((with − without)² / σ²), from the noiseless images with and without the flaws and each pixel's noise
/// variance, summed over the most visible <see cref="PatchMm"/> × <see cref="PatchMm"/> patch centred on the flaw. A pore
/// smaller than the patch counts whole; a seam counts by its most visible stretch, since neither a person nor a model
/// that looks a few millimetres around each pixel can add up a faint seam over its whole length. No detector finds
/// reliably what is below the Rose criterion (d′ ≈ 5): a 0.2 mm gap in a 20 mm boss, drawn and labelled, can sit at 2.
/// Where the view's background is a texture drawn afresh for every part (a surface face's grain or turning marks), the
/// observer does not know it either, and it counts as noise too (<see cref="AgainstClutter"/>).
/// </summary>
public static partial class Detectability
{
    /// <summary>A. Rose (1948): the signal-to-noise ratio above which a flaw is reliably seen.</summary>
    public const double RoseCriterion = 5.0;

    /// <summary>
    /// The share of flaws of signal-to-noise ratio <paramref name="snr"/> the ideal observer finds when it calls a flaw
    /// only at a statistic of <paramref name="criterion"/> or more: its statistic is normal with mean d′ and unit
    /// variance, so Φ(d′ − criterion). No detector that calls noise as rarely finds more (Neyman–Pearson), so the mean
    /// over a set's flaws bounds the recall any model can reach on it.
    /// </summary>
    public static double DetectionProbability(double snr, double criterion = RoseCriterion) => NormalCdf(snr - criterion);

    /// <summary>Side of the patch a flaw is seen in, mm (about what the shipped models see around each pixel).</summary>
    public const double PatchMm = 2.0;

    /// <summary>Pixels around a flaw's box that its blurred signal still reaches.</summary>
    private const int MarginPx = 4;

    /// <summary>erfcc's polynomial in t, highest power first.</summary>
    private static readonly double[] ErfcCoefficients =
        [0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223];

    /// <summary>The noiseless signal of a view with and without its flaws and the noise variance of each pixel (all 32-bit
    /// float, image frame; the caller owns them). <paramref name="Clutter"/>: the part of the background that differs from
    /// part to part, which no observer knows beforehand (a surface face as lit, without flaws); null where the background
    /// is the same on every part and known (an X-ray view's walls, in the reference).</summary>
    internal sealed record Layers(Mat WithFlaws, Mat WithoutFlaws, Mat NoiseVariance, Mat? Clutter = null);

    /// <summary>d′ of the flaw <paramref name="instance"/> whose ground truth lies in <paramref name="box"/>, in its most
    /// visible patch centred on one of its pixels; pixels of other flaws (in <paramref name="instances"/>, 16-bit) do not count.</summary>
    internal static double Snr(Layers layers, Mat instances, Rect box, int instance, double pixelMm)
    {
        var grown = new Rect(box.X - MarginPx, box.Y - MarginPx, box.Width + (2 * MarginPx), box.Height + (2 * MarginPx))
            & new Rect(0, 0, instances.Cols, instances.Rows);
        var with = layers.WithFlaws.AsSpan<float>();
        var without = layers.WithoutFlaws.AsSpan<float>();
        var variance = layers.NoiseVariance.AsSpan<float>();
        var owner = instances.AsSpan<ushort>();
        using var contribution = new Mat(grown.Height, grown.Width, MatType.CV_32FC1, Scalar.All(0));
        var c = contribution.AsSpan<float>();
        for (var y = grown.Y; y < grown.Bottom; y++)
        {
            for (var x = grown.X; x < grown.Right; x++)
            {
                var i = (y * instances.Cols) + x;
                if (owner[i] == 0 || owner[i] == instance)
                {
                    var d = with[i] - without[i];
                    c[((y - grown.Y) * grown.Width) + (x - grown.X)] = (float)(d * d / Math.Max(variance[i], 1e-6));
                }
            }
        }

        var side = Math.Max(1, (int)Math.Round(PatchMm / pixelMm)) | 1;
        using var patch = new Mat();
        Cv2.BoxFilter(contribution, patch, MatType.CV_32FC1, new Size(side, side), new Point(-1, -1), normalize: false, BorderTypes.Constant);
        var p = patch.AsSpan<float>();
        var best = 0.0;
        var centre = new Point(box.X, box.Y);
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                var value = p[((y - grown.Y) * grown.Width) + (x - grown.X)];
                if (owner[(y * instances.Cols) + x] == instance && value > best)
                {
                    (best, centre) = (value, new Point(x, y));
                }
            }
        }

        return layers.Clutter is null ? Math.Sqrt(best) : AgainstClutter(layers, instances, instance, centre, side);
    }

    /// <summary>Φ(x) from the complementary error function of Numerical Recipes (erfcc, fractional error below 1.2e-7).</summary>
    private static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + (0.5 * z));
        var polynomial = 0.0;
        foreach (var c in ErfcCoefficients)
        {
            polynomial = (polynomial * t) + c;
        }

        var erfc = t * Math.Exp((-z * z) + polynomial);
        return x >= 0 ? 1 - (0.5 * erfc) : 0.5 * erfc;
    }
}

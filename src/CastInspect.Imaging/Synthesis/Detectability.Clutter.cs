using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

public static partial class Detectability
{
    /// <summary>Steps of half a patch, each way, over which the clutter's power spectrum is averaged around a flaw.</summary>
    private const int ClutterSteps = 2;

    /// <summary>
    /// d′ of the flaw in the <paramref name="side"/> px patch centred on <paramref name="centre"/> for the observer that
    /// knows the flaw but not the clutter: the prewhitening matched filter, d′² = Σ_f |ΔF(f)|² / (N σ² + P(f)), ΔF the
    /// patch's flaw signal in frequency, N σ² the sensor noise's power per frequency and P the clutter's, averaged over
    /// patches of the flaw-free background around the flaw. Without clutter it is the white-noise d′ (Parseval). A seam
    /// across turning marks keeps most of its d′ (the marks' power lies at other frequencies); a thin seam in as-cast
    /// grain, whose blotches hold power at every frequency, keeps a third to a half of it (synth generator 5's laps).
    /// </summary>
    private static double AgainstClutter(Layers layers, Mat instances, int instance, Point centre, int side)
    {
        var bounds = new Rect(0, 0, instances.Cols, instances.Rows);
        var patch = Centred(centre, side, bounds);
        using var signal = new Mat(patch.Height, patch.Width, MatType.CV_32FC1, Scalar.All(0));
        var s = signal.AsSpan<float>();
        var with = layers.WithFlaws.AsSpan<float>();
        var without = layers.WithoutFlaws.AsSpan<float>();
        var variance = layers.NoiseVariance.AsSpan<float>();
        var owner = instances.AsSpan<ushort>();
        var noise = 0.0;
        for (var y = patch.Y; y < patch.Bottom; y++)
        {
            for (var x = patch.X; x < patch.Right; x++)
            {
                var i = (y * instances.Cols) + x;
                noise += Math.Max(variance[i], 1e-6);
                if (owner[i] == 0 || owner[i] == instance)
                {
                    s[((y - patch.Y) * patch.Width) + (x - patch.X)] = with[i] - without[i];
                }
            }
        }

        using var clutterPower = ClutterPower(layers.Clutter!, patch, bounds);
        using var signalPower = Power(signal);
        var sp = signalPower.AsSpan<double>();
        var cp = clutterPower.AsSpan<double>();
        var d2 = 0.0;
        for (var f = 0; f < sp.Length; f++)
        {
            d2 += sp[f] / (noise + cp[f]);
        }

        return Math.Sqrt(d2);
    }

    /// <summary>The mean periodogram |F(f)|² of the mean-free clutter in copies of <paramref name="patch"/> moved by half a
    /// patch up to <see cref="ClutterSteps"/> times each way (those inside the view).</summary>
    private static Mat ClutterPower(Mat clutter, Rect patch, Rect bounds)
    {
        var sum = new Mat(patch.Height, patch.Width, MatType.CV_64FC1, Scalar.All(0));
        var step = Math.Max(1, patch.Width / 2);
        var count = 0;
        for (var dy = -ClutterSteps; dy <= ClutterSteps; dy++)
        {
            for (var dx = -ClutterSteps; dx <= ClutterSteps; dx++)
            {
                var moved = new Rect(patch.X + (dx * step), patch.Y + (dy * step), patch.Width, patch.Height);
                if ((moved & bounds) != moved)
                {
                    continue;
                }

                using var region = new Mat(clutter, moved);
                using var window = region.Clone();
                Cv2.Subtract(window, Cv2.Mean(window), window);
                using var power = Power(window);
                Cv2.Add(sum, power, sum);
                count++;
            }
        }

        if (count > 0)
        {
            sum.ConvertTo(sum, MatType.CV_64FC1, 1.0 / count);
        }

        return sum;
    }

    /// <summary>|F(f)|² of a 32-bit patch, 64-bit, one value per frequency.</summary>
    private static Mat Power(Mat patch)
    {
        using var wide = new Mat();
        patch.ConvertTo(wide, MatType.CV_64FC1);
        using var spectrum = new Mat();
        Cv2.Dft(wide, spectrum, DftFlags.ComplexOutput);
        var parts = Cv2.Split(spectrum);
        try
        {
            var power = new Mat();
            Cv2.Magnitude(parts[0], parts[1], power);
            Cv2.Multiply(power, power, power);
            return power;
        }
        finally
        {
            foreach (var p in parts)
            {
                p.Dispose();
            }
        }
    }

    private static Rect Centred(Point centre, int side, Rect bounds) =>
        new Rect(centre.X - (side / 2), centre.Y - (side / 2), side, side) & bounds;
}

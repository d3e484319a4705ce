using CastInspect.Imaging.Quality;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>How one radiograph was taken (recorded in the manifest).</summary>
/// <param name="FullScaleCounts">Unattenuated detector signal at the beam centre, ADU.</param>
/// <param name="AttenuationPerMm">Effective linear attenuation of the alloy at the tube voltage, 1/mm.</param>
/// <param name="BeamHardening">Softening of attenuation with thickness: μ·t / (1 + b·t).</param>
/// <param name="HeelEffect">Fractional intensity drop across the view along the anode–cathode axis.</param>
/// <param name="HeelAngleDeg">Direction of the anode–cathode axis in the image.</param>
/// <param name="Vignetting">Fractional intensity drop at the corners (inverse-square and obliquity).</param>
/// <param name="QuantumGain">ADU per detected quantum: quantum noise variance = gain × signal.</param>
/// <param name="ReadNoise">Detector electronic noise std-dev, ADU.</param>
/// <param name="UnsharpnessSigmaPx">Focal-spot and scintillator blur, Gaussian σ in px.</param>
public sealed record XrayExposure(
    double FullScaleCounts,
    double AttenuationPerMm,
    double BeamHardening,
    double HeelEffect,
    double HeelAngleDeg,
    double Vignetting,
    double QuantumGain,
    double ReadNoise,
    double UnsharpnessSigmaPx)
{
    /// <summary>
    /// The share of the part program's unsharpness limit that drawn blur stays under: a line's imaging is qualified
    /// with a margin, and the gate's measurement of a noisy view scatters by about 0.1 px. Without it, views labelled OK
    /// were drawn past the limit and the gate rightly sent them to REVIEW.
    /// </summary>
    public const double UnsharpnessMargin = 0.9;

    /// <summary>A random exposure whose blur stays inside <paramref name="maxUnsharpnessPx"/> (the view's quality limit) by <see cref="UnsharpnessMargin"/>.</summary>
    public static XrayExposure Random(SynthRandom rng, double maxUnsharpnessPx = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var widest = Math.Min(1.05, UnsharpnessMargin * maxUnsharpnessPx / ImageQualityGate.EdgeWidthPerSigma);
        return new(
            rng.Uniform(30000, 60000),
            rng.Uniform(0.09, 0.14),
            rng.Uniform(0.005, 0.02),
            rng.Uniform(0.05, 0.2),
            rng.Uniform(0, 360),
            rng.Uniform(0.05, 0.2),
            rng.Uniform(0.5, 2.5),
            rng.Uniform(10, 50),
            rng.Uniform(Math.Min(0.5, widest / 2), widest));
    }

    /// <summary>A clean, noiseless-looking exposure for golden reference images.</summary>
    public static XrayExposure Reference { get; } = new(50000, 0.11, 0.01, 0.1, 30, 0.1, 0.05, 5, 0.8);
}

/// <summary>Wall thickness (image frame, mm) → Beer–Lambert attenuation with heel effect → blur → quantum and detector noise → 16 bit.</summary>
internal static class XrayRenderer
{
    public static Mat Render(Mat thicknessMm, XrayExposure e, SynthRandom rng)
    {
        using var expected = Expected(thicknessMm, e);
        return Expose(expected, e, rng);
    }

    /// <summary>The noiseless detector signal, ADU (float): what the exposure gives on average at each pixel.</summary>
    public static Mat Expected(Mat thicknessMm, XrayExposure e)
    {
        var w = thicknessMm.Cols;
        var h = thicknessMm.Rows;
        var signal = new Mat(h, w, MatType.CV_32FC1);
        var t = thicknessMm.AsSpan<float>();
        var s = signal.AsSpan<float>();
        var cos = Math.Cos(e.HeelAngleDeg * Math.PI / 180);
        var sin = Math.Sin(e.HeelAngleDeg * Math.PI / 180);
        var cx = w / 2.0;
        var cy = h / 2.0;
        var rMax2 = (cx * cx) + (cy * cy);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var u = (((x - cx) * cos) + ((y - cy) * sin)) / Math.Max(w, h);
                var r2 = (((x - cx) * (x - cx)) + ((y - cy) * (y - cy))) / rMax2;
                var field = (1 - (e.HeelEffect * u)) * (1 - (e.Vignetting * r2));
                var i = (y * w) + x;
                var tt = t[i];
                s[i] = (float)(e.FullScaleCounts * field * Math.Exp(-e.AttenuationPerMm * tt / (1 + (e.BeamHardening * tt))));
            }
        }

        Cv2.GaussianBlur(signal, signal, new Size(0, 0), e.UnsharpnessSigmaPx, e.UnsharpnessSigmaPx, BorderTypes.Reflect);
        return signal;
    }

    /// <summary>Noise variance of each pixel of an expected signal, ADU²: quantum (gain × signal) plus read noise.</summary>
    public static Mat NoiseVariance(Mat expected, XrayExposure e)
    {
        var variance = new Mat();
        expected.ConvertTo(variance, MatType.CV_32FC1, e.QuantumGain, e.ReadNoise * e.ReadNoise);
        return variance;
    }

    /// <summary>One exposure of an expected signal: column gain, quantum and read noise, 16 bit.</summary>
    public static Mat Expose(Mat expected, XrayExposure e, SynthRandom rng)
    {
        var w = expected.Cols;
        var h = expected.Rows;
        using var signal = expected.Clone();
        var s = signal.AsSpan<float>();
        var columnGain = new float[w];
        for (var x = 0; x < w; x++)
        {
            columnGain[x] = (float)(1 + (rng.Gaussian() * 0.002));
        }

        var read2 = e.ReadNoise * e.ReadNoise;
        for (var y = 0; y < h; y++)
        {
            var row = s.Slice(y * w, w);
            for (var x = 0; x < w; x++)
            {
                var v = row[x] * columnGain[x];
                row[x] = (float)(v + (Math.Sqrt((e.QuantumGain * v) + read2) * rng.Gaussian()));
            }
        }

        var output = new Mat();
        signal.ConvertTo(output, MatType.CV_16UC1);
        return output;
    }
}

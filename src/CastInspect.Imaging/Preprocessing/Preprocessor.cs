using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using OpenCvSharp;

namespace CastInspect.Imaging.Preprocessing;

/// <summary>
/// Prepares a decoded view for the model: X-ray dark/flat-field correction (when the view has calibration images) and
/// optional denoising, optional surface illumination flattening, then the model's percentile windowing to float [0, 1].
/// </summary>
public static class Preprocessor
{
    /// <summary>Decoded grey image (8/16-bit) → model input, float32 [0, 1], same size. The caller owns the result.</summary>
    public static Mat Prepare(Mat decoded, Modality modality, InputNormalisation normalisation, Calibration? calibration = null, PreprocessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        options ??= PreprocessOptions.Default;
        if (modality == Modality.Surface && !options.FlattenSurfaceIllumination)
        {
            return Windowing.Apply(decoded, normalisation);
        }

        using var corrected = Correct(decoded, modality, calibration, options);
        return Windowing.Apply(corrected, normalisation);
    }

    /// <summary>
    /// The grey image the model's window is taken over, 8/16-bit: X-ray dark/flat-field corrected and optionally
    /// denoised; surface optionally flattened, else a copy. <see cref="Prepare"/> windows it; a caller that needs the same
    /// view in two windows corrects it once and calls <see cref="Windowing.Apply(Mat, InputNormalisation, ValueTuple{double, double})"/>
    /// twice. The caller owns the result.
    /// </summary>
    public static Mat Correct(Mat decoded, Modality modality, Calibration? calibration = null, PreprocessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        options ??= PreprocessOptions.Default;
        if (modality == Modality.Xray)
        {
            return CorrectXray(decoded, calibration, options);
        }

        return options.FlattenSurfaceIllumination ? FlattenIllumination(decoded, options.IlluminationSigmaFraction) : decoded.Clone();
    }

    /// <summary>
    /// Flat-field correction: <c>round((raw − dark) / (flat − dark) · mean(flat − dark))</c>, clipped to 16 bit; a missing
    /// dark counts as 0, a missing flat skips the gain step. Then the optional 3×3 median.
    /// </summary>
    public static Mat CorrectXray(Mat raw, Calibration? calibration, PreprocessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        options ??= PreprocessOptions.Default;
        var output = new Mat();
        try
        {
            if (calibration?.Flat is null && calibration?.Dark is null)
            {
                raw.CopyTo(output);
            }
            else
            {
                using var signal = new Mat();
                raw.ConvertTo(signal, MatType.CV_32FC1);
                using var d = new Mat(raw.Size(), MatType.CV_32FC1, Scalar.All(0));
                calibration.Dark?.ConvertTo(d, MatType.CV_32FC1);
                Cv2.Subtract(signal, d, signal);
                if (calibration.Flat is { } flat)
                {
                    using var gain = new Mat();
                    flat.ConvertTo(gain, MatType.CV_32FC1);
                    Cv2.Subtract(gain, d, gain);

                    Cv2.Max(gain, Scalar.All(1), gain);
                    var mean = Cv2.Mean(gain).Val0;
                    Cv2.Divide(signal, gain, signal, mean);
                }

                signal.ConvertTo(output, raw.Depth() == MatType.CV_8U ? MatType.CV_8UC1 : MatType.CV_16UC1);
            }

            if (options.Denoise)
            {
                Cv2.MedianBlur(output, output, 3);
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Surface illumination flattening: <c>round(gray / GaussianBlur(gray, σ) · 32768)</c> as 16 bit (σ = fraction × shorter side,
    /// OpenCV default kernel size, reflect-101 border). Removes lighting gradients and vignetting, keeps local detail.
    /// </summary>
    public static Mat FlattenIllumination(Mat gray, double sigmaFraction = 1.0 / 16)
    {
        ArgumentNullException.ThrowIfNull(gray);
        using var f = new Mat();
        gray.ConvertTo(f, MatType.CV_32FC1);
        using var light = new Mat();
        var sigma = Math.Max(1, Math.Min(gray.Cols, gray.Rows) * sigmaFraction);
        Cv2.GaussianBlur(f, light, new Size(0, 0), sigma, sigma, BorderTypes.Reflect101);
        Cv2.Max(light, Scalar.All(1), light);
        Cv2.Divide(f, light, f, 32768);
        var output = new Mat();
        f.ConvertTo(output, MatType.CV_16UC1);
        return output;
    }
}

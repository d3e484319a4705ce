using System.Globalization;
using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using OpenCvSharp;

namespace CastInspect.Imaging.Quality;

/// <summary>
/// Detector-monitoring style quality gate for X-ray views: noise (Immerkær's estimate), contrast-to-noise across the
/// step/edge in the reference region (two grey classes split by Otsu) and unsharpness (10–90 % edge width of the
/// steepest edge, from its gradient: 2.563·σ of the equivalent Gaussian blur).
/// </summary>
public static class ImageQualityGate
{
    /// <summary>10–90 % width of an edge blurred by a Gaussian σ, in units of σ: how the gate reports unsharpness.</summary>
    public const double EdgeWidthPerSigma = 2.563;

    /// <summary>Measures <paramref name="image"/> (decoded, 8/16-bit) and checks it against <paramref name="limits"/>.</summary>
    /// <param name="image">The decoded (or flat-field-corrected) view.</param>
    /// <param name="limits">The view's limits; null = measure only.</param>
    /// <param name="transform">Image px → view mm, to find the reference region in the image.</param>
    public static ImageQualityResult Evaluate(Mat image, ImageQualityLimits? limits, ViewTransform transform)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(transform);
        var region = RegionPx(image, limits?.ReferenceRegionMm, transform);
        using var roi = new Mat(image, region);
        using var f = new Mat();
        roi.ConvertTo(f, MatType.CV_32FC1);
        var metrics = Measure(f);
        var reasons = new List<string>();
        if (limits is not null)
        {
            var cnr = metrics["cnr"];
            if (cnr < limits.MinContrastToNoise)
            {
                reasons.Add(Reason("CNR", cnr, "<", limits.MinContrastToNoise, string.Empty));
            }

            var unsharp = metrics["unsharpness_px"];
            if (unsharp > limits.MaxUnsharpnessPx)
            {
                reasons.Add(Reason("unsharpness", unsharp, ">", limits.MaxUnsharpnessPx, " px"));
            }

            var noise = metrics["noise_percent"];
            if (noise > limits.MaxNoisePercent)
            {
                reasons.Add(Reason("noise", noise, ">", limits.MaxNoisePercent, " %"));
            }
        }

        return new ImageQualityResult(metrics, reasons);
    }

    /// <summary>"unsharpness 2.53 px &gt; 2.5 px": one decimal, or as many more (up to four) as it takes for the measured
    /// value not to read the same as the limit it failed.</summary>
    internal static string Reason(string metric, double value, string relation, double limit, string unit)
    {
        var format = "F1";
        for (var decimals = 1; decimals <= 4; decimals++)
        {
            format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
            if (value.ToString(format, CultureInfo.InvariantCulture) != limit.ToString(format, CultureInfo.InvariantCulture))
            {
                break;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"image quality: {metric} {value.ToString(format, CultureInfo.InvariantCulture)}{unit} {relation} {limit.ToString(format, CultureInfo.InvariantCulture)}{unit}");
    }

    internal static Dictionary<string, double> Measure(Mat f)
    {
        var noise = NoiseSigma(f);
        using var smooth = new Mat();
        Cv2.GaussianBlur(f, smooth, new Size(0, 0), 1.0);
        Cv2.MinMaxLoc(smooth, out double min, out double max);
        using var bytes = new Mat();
        smooth.ConvertTo(bytes, MatType.CV_8UC1, 255 / Math.Max(1e-9, max - min), -min * 255 / Math.Max(1e-9, max - min));
        using var high = new Mat();
        Cv2.Threshold(bytes, high, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        using var low = new Mat();
        Cv2.BitwiseNot(high, low);
        var meanHigh = Cv2.Mean(f, high).Val0;
        var meanLow = Cv2.Mean(f, low).Val0;
        var contrast = Math.Abs(meanHigh - meanLow);
        var mean = Cv2.Mean(f).Val0;

        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(smooth, gx, MatType.CV_32F, 1, 0, 3, 1.0 / 8);
        Cv2.Sobel(smooth, gy, MatType.CV_32F, 0, 1, 3, 1.0 / 8);
        using var magnitude = new Mat();
        Cv2.Magnitude(gx, gy, magnitude);
        var gmax = HighPercentile(magnitude, 99.9);

        // A step of height C blurred by a Gaussian σ has peak gradient C / (σ√(2π)); remove the 1 px smoothing added here.
        var sigmaMeasured = contrast / Math.Max(1e-9, gmax * Math.Sqrt(2 * Math.PI));
        var sigma = Math.Sqrt(Math.Max(0, (sigmaMeasured * sigmaMeasured) - 1.0 - (1.0 / 3)));
        return new Dictionary<string, double>
        {
            ["mean_signal"] = mean,
            ["noise_sigma"] = noise,
            ["noise_percent"] = mean > 0 ? 100 * noise / mean : 0,
            ["contrast"] = contrast,
            ["cnr"] = noise > 0 ? contrast / noise : double.PositiveInfinity,
            ["unsharpness_px"] = EdgeWidthPerSigma * sigma,
        };
    }

    /// <summary>Immerkær (1996): σ = √(π/2) / (6 (W−2)(H−2)) · Σ |I ∗ N|, N = [1 −2 1; −2 4 −2; 1 −2 1].</summary>
    private static double NoiseSigma(Mat f)
    {
        if (f.Cols < 3 || f.Rows < 3)
        {
            return 0;
        }

        using var kernel = Mat.FromPixelData(3, 3, MatType.CV_32FC1, new float[] { 1, -2, 1, -2, 4, -2, 1, -2, 1 });
        using var response = new Mat();
        Cv2.Filter2D(f, response, MatType.CV_32F, kernel, borderType: BorderTypes.Reflect101);
        using var inner = new Mat(response, new Rect(1, 1, f.Cols - 2, f.Rows - 2));
        using var abs = new Mat();
        Cv2.Absdiff(inner, Scalar.All(0), abs);
        var sum = Cv2.Sum(abs).Val0;
        return Math.Sqrt(Math.PI / 2) * sum / (6.0 * (f.Cols - 2) * (f.Rows - 2));
    }

    private static double HighPercentile(Mat values, double percent)
    {
        var all = values.AsSpan<float>();
        var step = Math.Max(1, all.Length / 262144);
        var span = new float[(all.Length + step - 1) / step];
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = all[i * step];
        }

        Array.Sort(span);
        return span.Length == 0 ? 0 : span[(int)Math.Min(span.Length - 1, percent / 100 * span.Length)];
    }

    private static Rect RegionPx(Mat image, RectMm? regionMm, ViewTransform transform)
    {
        var whole = new Rect(0, 0, image.Cols, image.Rows);
        if (regionMm is not { } r)
        {
            return whole;
        }

        var corners = new[] { new PointMm(r.X, r.Y), new PointMm(r.X + r.Width, r.Y), new PointMm(r.X, r.Y + r.Height), new PointMm(r.X + r.Width, r.Y + r.Height) }
            .Select(p => ViewGeometryMath.ToImagePx(transform, p))
            .ToList();
        var rect = Rect.FromLTRB(
            (int)Math.Floor(corners.Min(p => p.X)),
            (int)Math.Floor(corners.Min(p => p.Y)),
            (int)Math.Ceiling(corners.Max(p => p.X)),
            (int)Math.Ceiling(corners.Max(p => p.Y))) & whole;
        return rect.Width >= 8 && rect.Height >= 8 ? rect : whole;
    }
}

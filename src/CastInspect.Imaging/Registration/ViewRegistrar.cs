using System.Diagnostics;
using System.Globalization;
using CastInspect.Core.Geometry;
using OpenCvSharp;

namespace CastInspect.Imaging.Registration;

/// <summary>
/// Registers an incoming view to its reference image: phase correlation for the coarse shift, then ECC (Euclidean:
/// shift + rotation) on a coarse and a fine level with bounded iterations. Never throws for a poor match: it returns
/// an identity transform with a review reason.
/// </summary>
public static class ViewRegistrar
{
    /// <param name="image">Incoming view, any single-channel depth (ideally the preprocessed float image).</param>
    /// <param name="reference">The view's reference image, same modality and preprocessing.</param>
    /// <param name="pixelSizeMm">The view's pixel size, for the returned transform.</param>
    /// <param name="options">Bounds; null = defaults.</param>
    public static RegistrationResult Register(Mat image, Mat reference, double pixelSizeMm, RegistrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= RegistrationOptions.Default;
        var watch = Stopwatch.StartNew();
        var identity = ViewTransform.Identity(pixelSizeMm);
        try
        {
            return Align(image, reference, pixelSizeMm, options, watch);
        }
        catch (OpenCVException e)
        {
            return new RegistrationResult(identity, 0, $"registration failed: {e.Message.Trim()}", 0, 0, watch.Elapsed.TotalMilliseconds);
        }
    }

    private static RegistrationResult Align(Mat image, Mat reference, double pixelSizeMm, RegistrationOptions o, Stopwatch watch)
    {
        var size = Math.Max(reference.Cols, reference.Rows);
        var coarseScale = Math.Min(1.0, o.CoarseSizePx / (double)size);
        var fineScale = Math.Min(1.0, o.FineSizePx / (double)size);
        fineScale = Math.Max(fineScale, coarseScale);
        using var refFine = Level(reference, fineScale, reference.Size());
        using var imgFine = Level(image, fineScale, reference.Size());
        using var refCoarse = Level(refFine, coarseScale / fineScale, refFine.Size());
        using var imgCoarse = Level(imgFine, coarseScale / fineScale, refFine.Size());

        // warp maps reference px → image px at the current level (what findTransformECC estimates).
        using var warp = Mat.Eye(2, 3, MatType.CV_32FC1).ToMat();
        using (var hann = new Mat())
        {
            Cv2.CreateHanningWindow(hann, refCoarse.Size(), MatType.CV_32FC1);
            var shift = Cv2.PhaseCorrelate(refCoarse, imgCoarse, hann, out _);
            warp.Set(0, 2, (float)shift.X);
            warp.Set(1, 2, (float)shift.Y);
        }

        var criteria = new TermCriteria(CriteriaTypes.Count | CriteriaTypes.Eps, o.MaxIterations, o.Epsilon);
        var score = Cv2.FindTransformECC(refCoarse, imgCoarse, warp, MotionTypes.Euclidean, criteria, null, 3);
        if (fineScale > coarseScale)
        {
            var up = fineScale / coarseScale;
            warp.Set(0, 2, (float)(warp.Get<float>(0, 2) * up));
            warp.Set(1, 2, (float)(warp.Get<float>(1, 2) * up));
            score = Cv2.FindTransformECC(refFine, imgFine, warp, MotionTypes.Euclidean, criteria, null, 3);
        }

        // Back to full resolution: the linear part is unchanged, translations scale with the level.
        var s = fineScale;
        var a = warp.Get<float>(0, 0);
        var b = warp.Get<float>(0, 1);
        var c = warp.Get<float>(1, 0);
        var d = warp.Get<float>(1, 1);
        var tx = warp.Get<float>(0, 2) / s;
        var ty = warp.Get<float>(1, 2) / s;

        // Level images are sampled at pixel centres ((x + 0.5)·s − 0.5), so a full-res offset needs that correction.
        var cx = (0.5 / s) - 0.5;
        var txFull = tx - (cx * (a + b - 1));
        var tyFull = ty - (cx * (c + d - 1));
        var det = (a * d) - (b * c);

        // An image of another size (within the view's tolerance) was compared at the reference size: scale its px first.
        var sx = reference.Cols / (double)image.Cols;
        var sy = reference.Rows / (double)image.Rows;
        var inv = new double[] { d / det * sx, -b / det * sy, ((b * tyFull) - (d * txFull)) / det, -c / det * sx, a / det * sy, ((c * txFull) - (a * tyFull)) / det, 0, 0, 1 };
        var rotation = Math.Atan2(c, a) * 180 / Math.PI;
        var shiftPx = Math.Sqrt((txFull * txFull) + (tyFull * tyFull));
        var transform = new ViewTransform(inv, pixelSizeMm);
        string? reason = null;
        if (score < o.MinScore)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"registration: poor match to the reference (score {score:F2} < {o.MinScore:F2})");
        }
        else if (shiftPx > o.MaxShiftFraction * Math.Max(reference.Cols, reference.Rows) || Math.Abs(rotation) > o.MaxRotationDeg)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"registration: part out of position (shift {shiftPx:F0} px, rotation {rotation:F1}°)");
        }

        return new RegistrationResult(reason is null ? transform : ViewTransform.Identity(pixelSizeMm), score, reason, shiftPx, rotation, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>Scaled, float, zero-mean unit-variance copy of an image (at the reference's size).</summary>
    private static Mat Level(Mat source, double scale, Size referenceSize)
    {
        var output = new Mat();
        using var f = new Mat();
        source.ConvertTo(f, MatType.CV_32FC1);
        var size = new Size(Math.Max(8, (int)Math.Round(referenceSize.Width * scale)), Math.Max(8, (int)Math.Round(referenceSize.Height * scale)));
        if (source.Size() != referenceSize)
        {
            Cv2.Resize(f, f, referenceSize, 0, 0, InterpolationFlags.Area);
        }

        if (f.Size() == size)
        {
            f.CopyTo(output);
        }
        else
        {
            Cv2.Resize(f, output, size, 0, 0, InterpolationFlags.Area);
        }

        Cv2.MeanStdDev(output, out var mean, out var std);
        output.ConvertTo(output, MatType.CV_32FC1, 1 / Math.Max(1e-6, std.Val0), -mean.Val0 / Math.Max(1e-6, std.Val0));
        return output;
    }
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using System.Globalization;
using System.Numerics;
using OpenCvSharp;

namespace CastInspect.Imaging.Measurement;

/// <summary>
/// Turns per-class probability maps into measured defects: threshold (with the class's grow threshold, hysteresis) →
/// 8-connected components per class (linked across the class's link distance) → bounding box, centroid, area,
/// equivalent diameter, max Feret length, confidence and outline, in image px and view mm.
/// </summary>
public static class DefectExtractor
{
    /// <summary>Extracts the defects of every defect class from stitched probability maps.</summary>
    /// <param name="probabilities">[C, H, W] row-major; channel c is <see cref="DefectClass"/> value c, channel 0 background (ignored).</param>
    /// <param name="width">Map width in pixels (the image width).</param>
    /// <param name="height">Map height in pixels.</param>
    /// <param name="classThresholds">One threshold per channel (index 0 unused): a pixel belongs to class c when its probability ≥ threshold c.</param>
    /// <param name="transform">Image px → view mm.</param>
    /// <param name="options">Minimum size and outline detail; null = defaults.</param>
    public static IReadOnlyList<MeasuredDefect> Extract(
        ReadOnlySpan<float> probabilities,
        int width,
        int height,
        IReadOnlyList<float> classThresholds,
        ViewTransform transform,
        DefectExtractionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(classThresholds);
        ArgumentNullException.ThrowIfNull(transform);
        var plane = checked(width * height);
        if (plane <= 0 || probabilities.Length % plane != 0)
        {
            throw new ArgumentException($"probabilities hold {probabilities.Length} values, not a multiple of {width}×{height}", nameof(probabilities));
        }

        var channels = probabilities.Length / plane;
        if (classThresholds.Count < channels)
        {
            throw new ArgumentException($"{channels} channels need {channels} thresholds, got {classThresholds.Count}", nameof(classThresholds));
        }

        options ??= DefectExtractionOptions.Default;
        var found = new List<MeasuredDefect>();
        for (var c = 1; c < channels; c++)
        {
            var probs = probabilities.Slice(c * plane, plane);
            var seed = classThresholds[c];
            var span = options.SpanLevel((DefectClass)c, seed);
            using var binary = new Mat(height, width, MatType.CV_8UC1);
            if (Threshold(probs, span, binary.AsSpan<byte>()))
            {
                ExtractClass(binary, probs, span, seed, (DefectClass)c, transform, options, found);
            }
        }

        return Renumber(found);
    }

    /// <summary>binary = probs ≥ threshold (1 or 0); false when no pixel passes. Whole vectors below the threshold, almost all
    /// of a view, are skipped in one compare.</summary>
    private static bool Threshold(ReadOnlySpan<float> probs, float threshold, Span<byte> binary)
    {
        var limit = new Vector<float>(threshold);
        var width = Vector<float>.Count;
        var any = false;
        var i = 0;
        for (; i <= probs.Length - width; i += width)
        {
            var chunk = probs.Slice(i, width);
            if (!Vector.GreaterThanOrEqualAny(new Vector<float>(chunk), limit))
            {
                binary.Slice(i, width).Clear();
                continue;
            }

            for (var k = 0; k < width; k++)
            {
                binary[i + k] = chunk[k] >= threshold ? (byte)1 : (byte)0;
            }

            any = true;
        }

        for (; i < probs.Length; i++)
        {
            binary[i] = probs[i] >= threshold ? (byte)1 : (byte)0;
            any |= binary[i] != 0;
        }

        return any;
    }

    /// <summary>Extracts defects from a label mask (0 background, else <see cref="DefectClass"/> value); confidence is 1.</summary>
    public static IReadOnlyList<MeasuredDefect> ExtractFromMask(
        ReadOnlySpan<byte> mask,
        int width,
        int height,
        ViewTransform transform,
        DefectExtractionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transform);
        if (mask.Length != width * height)
        {
            throw new ArgumentException($"mask holds {mask.Length} values, not {width}×{height}", nameof(mask));
        }

        options ??= DefectExtractionOptions.Default with { MinAreaPx = 1 };
        var found = new List<MeasuredDefect>();
        var ones = new float[mask.Length];
        Array.Fill(ones, 1f);
        foreach (var cls in Enum.GetValues<DefectClass>())
        {
            using var binary = new Mat(height, width, MatType.CV_8UC1);
            var bin = binary.AsSpan<byte>();
            var any = false;
            for (var i = 0; i < mask.Length; i++)
            {
                var hit = mask[i] == (byte)cls;
                bin[i] = hit ? (byte)1 : (byte)0;
                any |= hit;
            }

            if (any)
            {
                ExtractClass(binary, ones, 1f, 1f, cls, transform, options, found);
            }
        }

        return Renumber(found);
    }

    private static List<MeasuredDefect> Renumber(List<MeasuredDefect> found) =>
        found.OrderBy(d => (int)d.Class)
            .ThenBy(d => d.BoundingBox.Y)
            .ThenBy(d => d.BoundingBox.X)
            .Select((d, i) => d with { Index = i })
            .ToList();

    /// <param name="threshold">The level <paramref name="binary"/> was drawn at: every component spans its pixels at or above it.</param>
    /// <param name="seed">The class threshold: a component whose peak stays below it is no defect.</param>
    private static void ExtractClass(
        Mat binary,
        ReadOnlySpan<float> probs,
        float threshold,
        float seed,
        DefectClass cls,
        ViewTransform transform,
        DefectExtractionOptions options,
        List<MeasuredDefect> found)
    {
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var linkRadius = LinkRadiusPx(cls, transform, binary, options);
        var count = linkRadius > 0
            ? ComponentLinker.Label(binary, linkRadius, labels, stats, centroids)
            : Cv2.ConnectedComponentsWithStats(binary, labels, stats, centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        var pieces = linkRadius > 0;
        if (count <= 1)
        {
            return;
        }

        var labelSpan = labels.AsSpan<int>();
        var statSpan = stats.AsSpan<int>();
        var centroidSpan = centroids.AsSpan<double>();
        var (sums, maxima) = Confidences(labelSpan, probs, statSpan, count, binary.Cols);

        for (var l = 1; l < count; l++)
        {
            var s = statSpan.Slice(l * 5, 5);
            var area = s[(int)ConnectedComponentsTypes.Area];
            var floor = options.MinAreaFor(cls);
            if (maxima[l] < seed || area < Math.Min(options.MinAreaPx, floor))
            {
                continue;
            }

            var box = new PixelBox(
                s[(int)ConnectedComponentsTypes.Left],
                s[(int)ConnectedComponentsTypes.Top],
                s[(int)ConnectedComponentsTypes.Width],
                s[(int)ConnectedComponentsTypes.Height]);
            var level = options.MeasureLevel(cls, threshold, maxima[l]);
            var region = level > threshold
                ? DefectShape.Measured(labels, probs, l, box, level, options.MaxOutlinePoints, pieces)
                : new DefectRegion(box, new PointPx(centroidSpan[l * 2], centroidSpan[(l * 2) + 1]), area, DefectShape.ComponentOutline(labels, l, box, options.MaxOutlinePoints, pieces));
            var pixelAreaMm2 = DefectShape.PixelAreaMm2(transform, region.Centroid);
            var areaMm2 = region.AreaPx * pixelAreaMm2;
            var pixelMm = Math.Sqrt(pixelAreaMm2);
            var (lengthMm, widthMm) = DefectShape.FeretMm(region.Outline, transform, pixelMm);
            var screenReason = area < floor ? null : ScreenReason(cls, lengthMm, widthMm, labels, l, box, pixelMm, options);
            found.Add(new MeasuredDefect(
                0,
                cls,
                region.Box,
                region.Centroid,
                transform.ToViewMm(region.Centroid),
                region.AreaPx,
                areaMm2,
                Math.Sqrt(4 * areaMm2 / Math.PI),
                lengthMm,
                sums[l] / area,
                maxima[l],
                region.Outline.Select(transform.ToViewMm).ToList(),
                region.Outline,
                area < floor || screenReason is not null,
                region.AreaPx == area ? null : area,
                level > threshold ? DefectShape.ComponentOutline(labels, l, box, options.MaxOutlinePoints, pieces) : null,
                widthMm,
                screenReason));
        }
    }

    /// <summary>The radius, in px, each component of <paramref name="cls"/> is grown by to link it with its neighbours
    /// (half its link distance at the view's centre, rounded down); 0 = not linked, also for a distance under 2 px.</summary>
    private static int LinkRadiusPx(DefectClass cls, ViewTransform transform, Mat binary, DefectExtractionOptions options)
    {
        if (options.LinkDistanceMmFor(cls) is not { } mm)
        {
            return 0;
        }

        var pixelMm = Math.Sqrt(DefectShape.PixelAreaMm2(transform, new PointPx(binary.Cols / 2.0, binary.Rows / 2.0)));
        return (int)Math.Floor(mm / pixelMm / 2);
    }

    /// <summary>Why a component above the noise floor is not its class after all: a cold shut that is no linear
    /// indication, or that lies on an ejector pin's witness ring; null = it is.</summary>
    private static string? ScreenReason(
        DefectClass cls, double lengthMm, double widthMm, Mat labels, int label, PixelBox box, double pixelMm, DefectExtractionOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        if (options.MinAspectRatioFor(cls) is { } ratio && lengthMm < ratio * widthMm)
        {
            return string.Create(inv, $"not a linear indication: {lengthMm:F1} mm long, under {ratio:0.#} × its width {widthMm:F1} mm (manifest min_aspect_ratios)");
        }

        if (cls == DefectClass.ColdShut && options.EjectorPins is { } pins
            && DefectShape.FitCircle(labels, label, box) is { } circle
            && pins.IsWitnessMark(2 * circle.Radius * pixelMm, circle.MeanDistance * pixelMm))
        {
            return string.Create(inv, $"ejector-pin witness mark: lies on a circle of Ø {2 * circle.Radius * pixelMm:F1} mm (part program ejector_pin_marks)");
        }

        return null;
    }

    /// <summary>Sum and maximum of the class probability over each component, reading only its bounding box.</summary>
    private static (double[] Sums, float[] Maxima) Confidences(ReadOnlySpan<int> labels, ReadOnlySpan<float> probs, ReadOnlySpan<int> stats, int count, int width)
    {
        var sums = new double[count];
        var maxima = new float[count];
        for (var l = 1; l < count; l++)
        {
            var s = stats.Slice(l * 5, 5);
            var (left, top) = (s[(int)ConnectedComponentsTypes.Left], s[(int)ConnectedComponentsTypes.Top]);
            var (w, h) = (s[(int)ConnectedComponentsTypes.Width], s[(int)ConnectedComponentsTypes.Height]);
            for (var y = top; y < top + h; y++)
            {
                var row = (y * width) + left;
                for (var x = 0; x < w; x++)
                {
                    if (labels[row + x] == l)
                    {
                        sums[l] += probs[row + x];
                        maxima[l] = Math.Max(maxima[l], probs[row + x]);
                    }
                }
            }
        }

        return (sums, maxima);
    }
}

using CastInspect.Core.Geometry;
using OpenCvSharp;

namespace CastInspect.Imaging.Measurement;

/// <summary>What a defect is measured over: the whole component, or its pixels at or above the measuring level.</summary>
internal sealed record DefectRegion(PixelBox Box, PointPx Centroid, int AreaPx, List<PointPx> Outline);

/// <summary>The geometry <see cref="DefectExtractor"/> measures a component by: its region at a measuring level, its
/// outline, its Feret length and the mm² of a pixel.</summary>
internal static class DefectShape
{
    /// <summary>The pixels of component <paramref name="label"/> at or above <paramref name="level"/> (its peak pixel at least).</summary>
    public static DefectRegion Measured(Mat labels, ReadOnlySpan<float> probs, int label, PixelBox box, float level, int maxOutlinePoints)
    {
        var width = labels.Cols;
        var labelSpan = labels.AsSpan<int>();
        using var kept = new Mat(box.Height, box.Width, MatType.CV_8UC1, Scalar.All(0));
        var keptSpan = kept.AsSpan<byte>();
        for (var y = 0; y < box.Height; y++)
        {
            var row = ((box.Y + y) * width) + box.X;
            for (var x = 0; x < box.Width; x++)
            {
                if (labelSpan[row + x] == label && probs[row + x] >= level)
                {
                    keptSpan[(y * box.Width) + x] = 1;
                }
            }
        }

        var bounds = Cv2.BoundingRect(kept);
        var moments = Cv2.Moments(kept, binaryImage: true);
        var area = (int)Math.Round(moments.M00);
        var centroid = new PointPx(box.X + (moments.M10 / moments.M00), box.Y + (moments.M01 / moments.M00));
        var measuredBox = new PixelBox(box.X + bounds.X, box.Y + bounds.Y, bounds.Width, bounds.Height);
        using var local = new Mat(kept, bounds);
        return new DefectRegion(measuredBox, centroid, area, Outline(local, 1, measuredBox, maxOutlinePoints));
    }

    /// <summary>Outer boundary (pixel centres) of one labelled component.</summary>
    public static List<PointPx> ComponentOutline(Mat labels, int label, PixelBox box, int maxPoints)
    {
        using var roi = new Mat(labels, new Rect(box.X, box.Y, box.Width, box.Height));
        return Outline(roi, label, box, maxPoints);
    }

    /// <summary>Outer boundary (pixel centres, image px) of the pixels equal to <paramref name="label"/> in
    /// <paramref name="roi"/>, the cut-out of the image at <paramref name="box"/>.</summary>
    private static List<PointPx> Outline(Mat roi, int label, PixelBox box, int maxPoints)
    {
        using var component = new Mat();
        Cv2.Compare(roi, new Scalar(label), component, CmpTypes.EQ);
        using var padded = new Mat();
        Cv2.CopyMakeBorder(component, padded, 1, 1, 1, 1, BorderTypes.Constant, Scalar.All(0));
        Cv2.FindContours(padded, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var largest = contours.OrderByDescending(c => c.Length).FirstOrDefault() ?? [];
        if (largest.Length > maxPoints)
        {
            var epsilon = 0.5;
            var simplified = largest;
            while (simplified.Length > maxPoints)
            {
                simplified = Cv2.ApproxPolyDP(largest, epsilon, true);
                epsilon *= 1.5;
            }

            largest = simplified;
        }

        return largest.Select(p => new PointPx(p.X - 1 + box.X, p.Y - 1 + box.Y)).ToList();
    }

    /// <summary>mm² covered by one image pixel around <paramref name="at"/> (exact for affine transforms).</summary>
    public static double PixelAreaMm2(ViewTransform transform, PointPx at)
    {
        var o = transform.ToViewMm(at);
        var dx = transform.ToViewMm(at with { X = at.X + 1 });
        var dy = transform.ToViewMm(at with { Y = at.Y + 1 });
        return Math.Abs(((dx.X - o.X) * (dy.Y - o.Y)) - ((dx.Y - o.Y) * (dy.X - o.X)));
    }

    /// <summary>Longest distance across the outline's hull, plus one pixel for the pixel extent (pixel centres → edges).</summary>
    public static double FeretLengthMm(List<PointPx> outline, ViewTransform transform, double pixelMm)
    {
        if (outline.Count == 0)
        {
            return pixelMm;
        }

        var hull = Cv2.ConvexHull(outline.Select(p => new Point2f((float)p.X, (float)p.Y)))
            .Select(p => transform.ToViewMm(new PointPx(p.X, p.Y)))
            .ToArray();
        var best = 0.0;
        for (var i = 0; i < hull.Length; i++)
        {
            for (var j = i + 1; j < hull.Length; j++)
            {
                var dx = hull[i].X - hull[j].X;
                var dy = hull[i].Y - hull[j].Y;
                best = Math.Max(best, (dx * dx) + (dy * dy));
            }
        }

        return Math.Sqrt(best) + pixelMm;
    }
}

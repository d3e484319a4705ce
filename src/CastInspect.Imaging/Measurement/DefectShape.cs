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
    /// <param name="pieces">The component may be linked pieces: its outline is the hull around them all.</param>
    public static DefectRegion Measured(Mat labels, ReadOnlySpan<float> probs, int label, PixelBox box, float level, int maxOutlinePoints, bool pieces = false)
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
        return new DefectRegion(measuredBox, centroid, area, Outline(local, 1, measuredBox, maxOutlinePoints, pieces));
    }

    /// <summary>Outer boundary (pixel centres) of one labelled component; with <paramref name="pieces"/>, the convex hull
    /// of all its pieces when it has several.</summary>
    public static List<PointPx> ComponentOutline(Mat labels, int label, PixelBox box, int maxPoints, bool pieces = false)
    {
        using var roi = new Mat(labels, new Rect(box.X, box.Y, box.Width, box.Height));
        return Outline(roi, label, box, maxPoints, pieces);
    }

    /// <summary>Outer boundary (pixel centres, image px) of the pixels equal to <paramref name="label"/> in
    /// <paramref name="roi"/>, the cut-out of the image at <paramref name="box"/>: of its largest piece, or with
    /// <paramref name="pieces"/> the convex hull of all of them.</summary>
    private static List<PointPx> Outline(Mat roi, int label, PixelBox box, int maxPoints, bool pieces)
    {
        using var component = new Mat();
        Cv2.Compare(roi, new Scalar(label), component, CmpTypes.EQ);
        using var padded = new Mat();
        Cv2.CopyMakeBorder(component, padded, 1, 1, 1, 1, BorderTypes.Constant, Scalar.All(0));
        Cv2.FindContours(padded, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var largest = pieces && contours.Length > 1
            ? Cv2.ConvexHull(contours.SelectMany(c => c))
            : contours.OrderByDescending(c => c.Length).FirstOrDefault() ?? [];
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

    /// <summary>Longest distance across the outline's hull (max Feret) and narrowest (min Feret: the least distance
    /// between two parallel lines enclosing it), each plus one pixel for the pixel extent (pixel centres → edges).</summary>
    public static (double LengthMm, double WidthMm) FeretMm(List<PointPx> outline, ViewTransform transform, double pixelMm)
    {
        if (outline.Count == 0)
        {
            return (pixelMm, pixelMm);
        }

        var hull = Cv2.ConvexHull(outline.Select(p => new Point2f((float)p.X, (float)p.Y)))
            .Select(p => transform.ToViewMm(new PointPx(p.X, p.Y)))
            .ToArray();
        var longest = 0.0;
        for (var i = 0; i < hull.Length; i++)
        {
            for (var j = i + 1; j < hull.Length; j++)
            {
                var dx = hull[i].X - hull[j].X;
                var dy = hull[i].Y - hull[j].Y;
                longest = Math.Max(longest, (dx * dx) + (dy * dy));
            }
        }

        return (Math.Sqrt(longest) + pixelMm, MinWidth(hull) + pixelMm);
    }

    /// <summary>Least width of a convex polygon: over its edges, the farthest vertex from the edge's line; 0 for a
    /// point or a segment.</summary>
    private static double MinWidth(PointMm[] hull)
    {
        if (hull.Length < 3)
        {
            return 0;
        }

        var least = double.MaxValue;
        for (var i = 0; i < hull.Length; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Length];
            var (ex, ey) = (b.X - a.X, b.Y - a.Y);
            var edge = Math.Sqrt((ex * ex) + (ey * ey));
            if (edge == 0)
            {
                continue;
            }

            var farthest = hull.Max(p => Math.Abs((ex * (p.Y - a.Y)) - (ey * (p.X - a.X))) / edge);
            least = Math.Min(least, farthest);
        }

        return least == double.MaxValue ? 0 : least;
    }

    /// <summary>The circle closest to the pixels of component <paramref name="label"/> (algebraic least squares, Kåsa):
    /// centre and radius in px, and the mean distance of the pixels from it; null when they fit no circle (a straight
    /// line, or fewer than three pixels).</summary>
    public static (double X, double Y, double Radius, double MeanDistance)? FitCircle(Mat labels, int label, PixelBox box)
    {
        var width = labels.Cols;
        var span = labels.AsSpan<int>();
        var points = new List<(double X, double Y)>();
        for (var y = box.Y; y < box.Y + box.Height; y++)
        {
            for (var x = box.X; x < box.X + box.Width; x++)
            {
                if (span[(y * width) + x] == label)
                {
                    points.Add((x - box.X, y - box.Y));
                }
            }
        }

        if (points.Count < 3)
        {
            return null;
        }

        // Minimise Σ (x² + y² − 2ax − 2by − c)²: [2x 2y 1]·[a b c] = x² + y² over every pixel, solved in least squares (SVD).
        using var a = new Mat(points.Count, 3, MatType.CV_64FC1);
        using var rhs = new Mat(points.Count, 1, MatType.CV_64FC1);
        var aSpan = a.AsSpan<double>();
        var rSpan = rhs.AsSpan<double>();
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = points[i];
            aSpan[i * 3] = 2 * x;
            aSpan[(i * 3) + 1] = 2 * y;
            aSpan[(i * 3) + 2] = 1;
            rSpan[i] = (x * x) + (y * y);
        }

        using var solution = new Mat();
        if (!Cv2.Solve(a, rhs, solution, DecompTypes.SVD))
        {
            return null;
        }

        var (cx, cy, c) = (solution.At<double>(0), solution.At<double>(1), solution.At<double>(2));
        var squared = c + (cx * cx) + (cy * cy);
        if (!(squared > 0) || double.IsInfinity(squared))
        {
            return null;
        }

        var radius = Math.Sqrt(squared);
        var mean = points.Average(p => Math.Abs(Math.Sqrt(((p.X - cx) * (p.X - cx)) + ((p.Y - cy) * (p.Y - cy))) - radius));
        return (cx + box.X, cy + box.Y, radius, mean);
    }
}

using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using OpenCvSharp;

namespace CastInspect.Pipeline.Interim;

/// <summary>
/// Connected components per class with their measurements. Stands in (same signature) until
/// CastInspect.Imaging.Measurement.DefectExtractor lands on main.
/// </summary>
internal static class InterimExtractor
{
    public static IReadOnlyList<MeasuredDefect> Extract(
        ReadOnlySpan<float> probabilities, int width, int height, IReadOnlyList<float> classThresholds, ViewTransform transform)
    {
        var plane = width * height;
        var found = new List<MeasuredDefect>();
        for (var c = 1; c < probabilities.Length / plane; c++)
        {
            var probs = probabilities.Slice(c * plane, plane);
            using var binary = new Mat(height, width, MatType.CV_8UC1);
            var bin = binary.AsSpan<byte>();
            for (var i = 0; i < plane; i++)
            {
                bin[i] = probs[i] >= classThresholds[c] ? (byte)255 : (byte)0;
            }

            Cv2.FindContours(binary, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxNone);
            foreach (var contour in contours)
            {
                var box = Cv2.BoundingRect(contour);
                double area = 0, sx = 0, sy = 0, sum = 0, max = 0;
                using var mask = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
                Cv2.DrawContours(mask, [contour], 0, Scalar.All(255), -1);
                var maskPixels = mask.AsSpan<byte>();
                for (var y = box.Y; y < box.Bottom; y++)
                {
                    for (var x = box.X; x < box.Right; x++)
                    {
                        if (maskPixels[(y * width) + x] == 0 || probs[(y * width) + x] < classThresholds[c])
                        {
                            continue;
                        }

                        var p = probs[(y * width) + x];
                        area++;
                        sx += x;
                        sy += y;
                        sum += p;
                        max = Math.Max(max, p);
                    }
                }

                if (area < 2)
                {
                    continue;
                }

                var centroid = new PointPx(sx / area, sy / area);
                var mm = transform.PixelSizeMm;
                var outlinePx = contour.Select(p => new PointPx(p.X, p.Y)).ToList();
                found.Add(new MeasuredDefect(
                    0, (DefectClass)c, new PixelBox(box.X, box.Y, box.Width, box.Height), centroid, transform.ToViewMm(centroid),
                    area, area * mm * mm, 2 * Math.Sqrt(area / Math.PI) * mm, (Feret(contour) + 1) * mm,
                    sum / area, max, outlinePx.Select(transform.ToViewMm).ToList(), outlinePx));
            }
        }

        return found
            .OrderBy(d => d.BoundingBox.Y).ThenBy(d => d.BoundingBox.X).ThenBy(d => d.Class)
            .Select((d, i) => d with { Index = i })
            .ToList();
    }

    private static double Feret(Point[] contour)
    {
        var hull = Cv2.ConvexHull(contour);
        double best = 0;
        for (var i = 0; i < hull.Length; i++)
        {
            for (var j = i + 1; j < hull.Length; j++)
            {
                best = Math.Max(best, hull[i].DistanceTo(hull[j]));
            }
        }

        return best;
    }
}

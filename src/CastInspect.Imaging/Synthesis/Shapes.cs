using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>Rasterised primitives shared by the X-ray and surface synthesisers.</summary>
internal static class Shapes
{
    /// <summary>Local box (with a margin) around a circle at (cx, cy) of radius r px.</summary>
    public static Rect BoxAround(double cx, double cy, double r, int margin) =>
        Rect.FromLTRB(
            (int)Math.Floor(cx - r) - margin,
            (int)Math.Floor(cy - r) - margin,
            (int)Math.Ceiling(cx + r) + margin + 1,
            (int)Math.Ceiling(cy + r) + margin + 1);

    /// <summary>
    /// A sphere of radius <paramref name="r"/> px centred at (cx, cy), rasterised into <paramref name="box"/>:
    /// the chord length through it per pixel (px, 4×4 supersampled) and its mask (pixel centres inside the circle).
    /// </summary>
    public static (Mat Chord, Mat Mask) Sphere(double cx, double cy, double r, Rect box)
    {
        var chord = new Mat(box.Height, box.Width, MatType.CV_32FC1, Scalar.All(0));
        var mask = new Mat(box.Height, box.Width, MatType.CV_8UC1, Scalar.All(0));
        var c = chord.AsSpan<float>();
        var m = mask.AsSpan<byte>();
        var r2 = r * r;
        for (var y = 0; y < box.Height; y++)
        {
            for (var x = 0; x < box.Width; x++)
            {
                var px = box.X + x + 0.5;
                var py = box.Y + y + 0.5;
                var sum = 0.0;
                for (var sy = 0; sy < 4; sy++)
                {
                    for (var sx = 0; sx < 4; sx++)
                    {
                        var dx = px - 0.375 + (sx * 0.25) - cx;
                        var dy = py - 0.375 + (sy * 0.25) - cy;
                        var d2 = (dx * dx) + (dy * dy);
                        if (d2 < r2)
                        {
                            sum += 2 * Math.Sqrt(r2 - d2);
                        }
                    }
                }

                c[(y * box.Width) + x] = (float)(sum / 16);
                var ex = px - cx;
                var ey = py - cy;
                if ((ex * ex) + (ey * ey) <= r2)
                {
                    m[(y * box.Width) + x] = 1;
                }
            }
        }

        return (chord, mask);
    }

    /// <summary>
    /// A smooth random curve from <paramref name="start"/> with the given heading: curvature drifts slowly, like a seam
    /// where two flow fronts met. One point per pixel step.
    /// </summary>
    public static List<Point2d> Curve(Point2d start, double heading, double lengthPx, double curviness, SynthRandom rng)
    {
        var points = new List<Point2d> { start };
        var p = start;
        var k = rng.Gaussian() * curviness;
        for (var s = 0.0; s < lengthPx; s += 1)
        {
            k = (0.97 * k) + (rng.Gaussian() * curviness * 0.3);
            heading += k;
            p = new Point2d(p.X + Math.Cos(heading), p.Y + Math.Sin(heading));
            points.Add(p);
        }

        return points;
    }

    public static Rect Bounds(IEnumerable<Point2d> points, int margin)
    {
        var list = points.ToList();
        return Rect.FromLTRB(
            (int)Math.Floor(list.Min(p => p.X)) - margin,
            (int)Math.Floor(list.Min(p => p.Y)) - margin,
            (int)Math.Ceiling(list.Max(p => p.X)) + margin + 1,
            (int)Math.Ceiling(list.Max(p => p.Y)) + margin + 1);
    }

    public static Point[] Local(IEnumerable<Point2d> points, Rect box) =>
        points.Select(p => new Point((int)Math.Round(p.X) - box.X, (int)Math.Round(p.Y) - box.Y)).ToArray();

    /// <summary>Gaussian noise blurred to a correlation length of <paramref name="sigmaPx"/>, rescaled to unit std-dev.</summary>
    public static Mat SmoothNoise(int width, int height, double sigmaPx, SynthRandom rng)
    {
        // Large correlation lengths are drawn at a lower resolution and scaled up: same look, a fraction of the work.
        var scale = sigmaPx > 8 ? Math.Max(1, (int)(sigmaPx / 4)) : 1;
        var w = scale == 1 ? width : (width / scale) + 2;
        var h = scale == 1 ? height : (height / scale) + 2;
        using var noise = new Mat(h, w, MatType.CV_32FC1);
        rng.FillGaussian(noise.AsSpan<float>());
        if (sigmaPx / scale >= 0.3)
        {
            Cv2.GaussianBlur(noise, noise, new Size(0, 0), sigmaPx / scale, sigmaPx / scale, BorderTypes.Reflect);
        }

        Cv2.MeanStdDev(noise, out _, out var std);
        var result = new Mat();
        if (scale == 1)
        {
            noise.ConvertTo(result, MatType.CV_32FC1, 1.0 / Math.Max(1e-9, std.Val0));
            return result;
        }

        noise.ConvertTo(noise, MatType.CV_32FC1, 1.0 / Math.Max(1e-9, std.Val0));
        using var big = new Mat();
        Cv2.Resize(noise, big, new Size(w * scale, h * scale), 0, 0, InterpolationFlags.Cubic);
        using var crop = new Mat(big, new Rect(0, 0, width, height));
        crop.CopyTo(result);
        return result;
    }
}

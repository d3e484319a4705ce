using CastInspect.Core.Measurement;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>
/// Plants X-ray flaws into a view's wall: gas pores (single and clustered, 0.2–5 mm, contrast falling with depth),
/// shrinkage (spongy, dendritic, at thick sections) and cold shuts (thin curved low-contrast seams from a flow front).
/// Signal is metal missing along the beam, mm.
/// </summary>
internal static class XrayDefects
{
    private const double MinPoreDiameterPx = 2.5;

    public static void Plant(DefectCanvas canvas, Mat thickness, SynthRandom rng, int events)
    {
        var sites = new SiteSampler(thickness, rng);
        for (var e = 0; e < events; e++)
        {
            var pick = rng.NextDouble();
            for (var attempt = 0; attempt < 25; attempt++)
            {
                var placed = pick switch
                {
                    < 0.45 => GasPore(canvas, thickness, sites, rng, rng.Chance(0.7) ? rng.LogUniform(0.2, 1.5) : rng.LogUniform(1.5, 5.0)),
                    < 0.65 => GasCluster(canvas, thickness, sites, rng),
                    < 0.80 => Shrinkage(canvas, thickness, sites, rng),
                    _ => ColdShut(canvas, thickness, sites, rng),
                };
                if (placed)
                {
                    break;
                }
            }
        }
    }

    private static bool GasPore(DefectCanvas canvas, Mat thickness, SiteSampler sites, SynthRandom rng, double diameterMm)
    {
        var site = sites.InMaterial(Math.Max(1.5, diameterMm * 0.6));
        return site is { } p && Pore(canvas, thickness, p, diameterMm, SynthDefectKind.GasPore, rng.NextDouble(), reserve: true);
    }

    private static bool GasCluster(DefectCanvas canvas, Mat thickness, SiteSampler sites, SynthRandom rng)
    {
        if (sites.InMaterial(2.0) is not { } centre)
        {
            return false;
        }

        var spreadPx = rng.Uniform(2, 6) / canvas.PixelMm;
        var box = Shapes.BoxAround(centre.X, centre.Y, spreadPx + (0.8 / canvas.PixelMm), 2);
        if (!canvas.TryReserve(box))
        {
            return false;
        }

        var depth = rng.NextDouble();
        var placed = new List<(double X, double Y, double R)>();
        var count = rng.Next(3, 13);
        for (var i = 0; i < count * 6 && placed.Count < count; i++)
        {
            var a = rng.Uniform(0, 2 * Math.PI);
            var rr = spreadPx * Math.Sqrt(rng.NextDouble());
            var x = centre.X + (rr * Math.Cos(a));
            var y = centre.Y + (rr * Math.Sin(a));
            var r = Math.Max(MinPoreDiameterPx, rng.LogUniform(0.2, 1.2) / canvas.PixelMm) / 2;
            if (placed.All(o => Math.Sqrt(((o.X - x) * (o.X - x)) + ((o.Y - y) * (o.Y - y))) > o.R + r + 2.5))
            {
                placed.Add((x, y, r));
                Pore(canvas, thickness, new Point2d(x, y), 2 * r * canvas.PixelMm, SynthDefectKind.GasCluster, Math.Clamp(depth + (rng.Gaussian() * 0.1), 0, 1), reserve: false);
            }
        }

        return placed.Count > 0;
    }

    private static bool Pore(DefectCanvas canvas, Mat thickness, Point2d c, double diameterMm, SynthDefectKind kind, double depth, bool reserve)
    {
        var r = Math.Max(MinPoreDiameterPx, diameterMm / canvas.PixelMm) / 2;
        var blur = 0.3 + (1.2 * depth);
        var box = Shapes.BoxAround(c.X, c.Y, r, (int)Math.Ceiling(3 * blur) + 1);
        var core = Shapes.BoxAround(c.X, c.Y, r, 0);
        if ((box & canvas.Bounds) != box || (reserve && !canvas.TryReserve(core)))
        {
            return false;
        }

        var (chord, mask) = Shapes.Sphere(c.X, c.Y, r, box);
        using (chord)
        using (mask)
        {
            // Deeper pores lie further from the detector: more geometric unsharpness and scatter, less contrast.
            var contrast = 1 - (0.6 * depth);
            chord.ConvertTo(chord, MatType.CV_32FC1, canvas.PixelMm * contrast);
            Cv2.GaussianBlur(chord, chord, new Size(0, 0), blur);
            LimitToWall(chord, thickness, box, 0.9);
            canvas.AddSignal(chord, box.Location);
            canvas.Stamp(mask, box.Location, canvas.NewDefect(kind, DefectClass.Porosity, depth));
        }

        return true;
    }

    private static bool Shrinkage(DefectCanvas canvas, Mat thickness, SiteSampler sites, SynthRandom rng)
    {
        if (sites.HotSpot() is not { } c)
        {
            return false;
        }

        var extentPx = rng.Uniform(1.5, 7) / canvas.PixelMm;
        var box = Shapes.BoxAround(c.X, c.Y, extentPx, 4);
        if (!canvas.TryReserve(box))
        {
            return false;
        }

        var depthMm = rng.Uniform(0.6, 2.5);
        using var patch = new Mat(box.Height, box.Width, MatType.CV_32FC1, Scalar.All(0));
        var centre = new Point2d(c.X - box.X, c.Y - box.Y);
        var branches = rng.Next(3, 7);
        for (var b = 0; b < branches; b++)
        {
            Dendrite(patch, centre, rng.Uniform(0, 2 * Math.PI), extentPx * rng.Uniform(0.5, 1.0), rng.Uniform(0.15, 0.5) / canvas.PixelMm, depthMm, 0, rng);
        }

        // Spongy micro-voids around the arms.
        for (var i = rng.Next(10, 40); i > 0; i--)
        {
            var a = rng.Uniform(0, 2 * Math.PI);
            var rr = extentPx * 0.8 * Math.Sqrt(rng.NextDouble());
            var p = new Point((int)(centre.X + (rr * Math.Cos(a))), (int)(centre.Y + (rr * Math.Sin(a))));
            Cv2.Circle(patch, p, rng.Next(1, 3), Scalar.All(depthMm * rng.Uniform(0.3, 0.8)), -1, LineTypes.Link8);
        }

        Cv2.GaussianBlur(patch, patch, new Size(0, 0), 0.7);
        using var mask = new Mat();
        Cv2.Threshold(patch, mask, depthMm * 0.15, 1, ThresholdTypes.Binary);
        mask.ConvertTo(mask, MatType.CV_8UC1);
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3)))
        {
            Cv2.MorphologyEx(mask, mask, MorphTypes.Close, kernel);
        }

        var depth = rng.NextDouble();
        patch.ConvertTo(patch, MatType.CV_32FC1, 1 - (0.5 * depth));
        LimitToWall(patch, thickness, box, 0.8);
        canvas.AddSignal(patch, box.Location);
        canvas.Stamp(mask, box.Location, canvas.NewDefect(SynthDefectKind.Shrinkage, DefectClass.Porosity, depth));
        return true;
    }

    private static void Dendrite(Mat patch, Point2d from, double heading, double lengthPx, double widthPx, double depthMm, int level, SynthRandom rng)
    {
        var p = from;
        var steps = (int)lengthPx;
        for (var s = 0; s < steps; s++)
        {
            heading += rng.Gaussian() * 0.35;
            var next = new Point2d(p.X + Math.Cos(heading), p.Y + Math.Sin(heading));
            var w = Math.Max(1, (int)Math.Round(widthPx * (1 - (0.7 * s / steps))));
            Cv2.Line(patch, new Point((int)p.X, (int)p.Y), new Point((int)next.X, (int)next.Y), Scalar.All(depthMm * rng.Uniform(0.6, 1.0)), w, LineTypes.Link8);
            if (level < 2 && rng.Chance(0.08))
            {
                Dendrite(patch, next, heading + (rng.Chance(0.5) ? 1 : -1) * rng.Uniform(0.6, 1.3), (steps - s) * 0.6, widthPx * 0.6, depthMm * 0.8, level + 1, rng);
            }

            p = next;
        }
    }

    private static bool ColdShut(DefectCanvas canvas, Mat thickness, SiteSampler sites, SynthRandom rng)
    {
        if (sites.FlowFront() is not { } front)
        {
            return false;
        }

        var lengthPx = rng.Uniform(3, 25) / canvas.PixelMm;
        var heading = front.Normal + rng.Uniform(-1.1, 1.1);
        var curve = Shapes.Curve(front.At, heading, lengthPx, 0.004 + rng.Uniform(0, 0.01), rng);
        var box = Shapes.Bounds(curve, 3);
        if (!canvas.TryReserve(box))
        {
            return false;
        }

        using var patch = new Mat(box.Height, box.Width, MatType.CV_32FC1, Scalar.All(0));
        using var mask = new Mat(box.Height, box.Width, MatType.CV_8UC1, Scalar.All(0));
        var pts = Shapes.Local(curve, box);
        var gap = rng.Uniform(0.15, 0.5);
        var width = rng.Chance(0.3) ? 2 : 1;
        for (var i = 1; i < pts.Length; i++)
        {
            // Partly fused: the seam's depth wanders and fades in places, its label does not.
            var fade = 0.4 + (0.6 * Math.Abs(Math.Sin((i * 0.05) + rng.Uniform(0, 0.2))));
            Cv2.Line(patch, pts[i - 1], pts[i], Scalar.All(gap * fade), width, LineTypes.Link8);
        }

        Cv2.Polylines(mask, [pts], false, Scalar.All(1), 3, LineTypes.Link8);
        Cv2.GaussianBlur(patch, patch, new Size(0, 0), 0.6);
        LimitToWall(patch, thickness, box, 0.5);
        canvas.AddSignal(patch, box.Location);
        canvas.Stamp(mask, box.Location, canvas.NewDefect(SynthDefectKind.ColdShut, DefectClass.ColdShut, rng.NextDouble()));
        return true;
    }

    /// <summary>No void may take more than <paramref name="fraction"/> of the local wall.</summary>
    private static void LimitToWall(Mat voidMm, Mat thickness, Rect box, double fraction)
    {
        using var wall = new Mat(thickness, box);
        using var limit = new Mat();
        wall.ConvertTo(limit, MatType.CV_32FC1, fraction);
        Cv2.Min(voidMm, limit, voidMm);
    }
}

using CastInspect.Core.Measurement;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>
/// Surface camera images: metal reflectance texture (as-cast grain or machined turning marks), surface pores and cold laps
/// (labelled), and harmless look-alikes that must not be labelled: flow lines, die marks, ejector-pin marks, dust.
/// Signals are reflectance changes.
/// </summary>
internal static class SurfaceScene
{
    /// <summary>Base reflectance texture of the face, reference frame.</summary>
    public static Mat Texture(int w, int h, double pixelMm, bool machined, SynthRandom rng)
    {
        var r = new Mat(h, w, MatType.CV_32FC1, Scalar.All(machined ? 0.62 : 0.5));
        try
        {
            AddNoise(r, 1.0, machined ? 0.015 : 0.035, rng);
            AddNoise(r, 0.25 / pixelMm, machined ? 0.01 : 0.03, rng);
            AddNoise(r, 4 / pixelMm, 0.02, rng);
            if (machined)
            {
                // Turning marks: fine concentric grooves around a centre far off the face.
                var span = r.AsSpan<float>();
                var cx = rng.Uniform(-3, 4) * w;
                var cy = rng.Uniform(2, 4) * h * (rng.Chance(0.5) ? 1 : -1);
                var period = rng.Uniform(0.25, 0.5) / pixelMm;
                var amp = rng.Uniform(0.02, 0.05);
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        var d = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                        span[(y * w) + x] += (float)(amp * Math.Sin(2 * Math.PI * d / period));
                    }
                }
            }

            return r;
        }
        catch
        {
            r.Dispose();
            throw;
        }
    }

    /// <summary>Harmless marks: added to the reflectance as signed changes (a die mark ±0.06, bright or dark dust), never
    /// drawn into the mask. Returns what was drawn, for the manifest.</summary>
    public static List<SynthLookAlike> LookAlikes(Mat reflectance, double pixelMm, bool machined, SynthRandom rng)
    {
        var drawn = new List<SynthLookAlike>();
        var w = reflectance.Cols;
        var h = reflectance.Rows;
        using var marks = new Mat(h, w, MatType.CV_32FC1, Scalar.All(0));
        if (!machined && rng.Chance(0.7))
        {
            FlowLines(reflectance, pixelMm, rng);
            drawn.Add(new SynthLookAlike("flow_lines", w / 2.0, h / 2.0));
        }

        if (rng.Chance(0.6))
        {
            var angle = rng.Uniform(0, Math.PI);
            var spacing = rng.Uniform(0.3, 1.0) / pixelMm;
            var lengthPx = rng.Uniform(10, 60) / pixelMm;
            var start = new Point2d(rng.Uniform(0, w), rng.Uniform(0, h));
            var n = rng.Next(3, 10);
            var contrast = rng.Uniform(-0.06, 0.06);
            for (var i = 0; i < n; i++)
            {
                var o = new Point2d(start.X - (Math.Sin(angle) * spacing * i), start.Y + (Math.Cos(angle) * spacing * i));
                var e = new Point2d(o.X + (Math.Cos(angle) * lengthPx), o.Y + (Math.Sin(angle) * lengthPx));
                Cv2.Line(marks, o.ToPoint(), e.ToPoint(), Scalar.All(contrast * rng.Uniform(0.5, 1)), 1, LineTypes.Link8);
            }

            drawn.Add(new SynthLookAlike("die_marks", start.X, start.Y));
        }

        for (var i = rng.Next(0, 3); i > 0; i--)
        {
            var c = new Point((int)rng.Uniform(0, w), (int)rng.Uniform(0, h));
            var radius = (int)(rng.Uniform(3, 6) / pixelMm);
            AddPinMark(reflectance, c, radius, rng.Uniform(-0.05, 0.05));
            drawn.Add(new SynthLookAlike("ejector_pin_mark", c.X, c.Y));
        }

        for (var i = rng.Next(3, 40); i > 0; i--)
        {
            var c = new Point2d(rng.Uniform(0, w), rng.Uniform(0, h));
            var value = Scalar.All(rng.Chance(0.6) ? rng.Uniform(0.15, 0.4) : -rng.Uniform(0.15, 0.35));
            if (rng.Chance(0.15))
            {
                var fibre = Shapes.Local(Shapes.Curve(c, rng.Uniform(0, 2 * Math.PI), rng.Uniform(1, 4) / pixelMm, 0.05, rng), new Rect(0, 0, 1, 1));
                Cv2.Polylines(marks, [fibre], false, value, 1, LineTypes.Link8);
                drawn.Add(new SynthLookAlike("dust_fibre", c.X, c.Y));
            }
            else
            {
                Cv2.Circle(marks, c.ToPoint(), rng.Next(0, 3), value, -1, LineTypes.Link8);
                drawn.Add(new SynthLookAlike("dust", c.X, c.Y));
            }
        }

        Cv2.Add(reflectance, marks, reflectance);
        return drawn;
    }

    /// <summary>A pin's disc with its dark rim, blurred, added over the pin's box only. The box keeps a margin of zeros
    /// wider than the blur's kernel on every side inside the face, so the pixels equal those of blurring a whole frame
    /// that holds the disc alone.</summary>
    internal static void AddPinMark(Mat reflectance, Point c, int radius, double contrast)
    {
        var pad = radius + 2 + PinBlurMargin;
        var box = new Rect(c.X - pad, c.Y - pad, (2 * pad) + 1, (2 * pad) + 1)
            .Intersect(new Rect(0, 0, reflectance.Cols, reflectance.Rows));
        using var disc = new Mat(box.Height, box.Width, MatType.CV_32FC1, Scalar.All(0));
        var centre = new Point(c.X - box.X, c.Y - box.Y);
        Cv2.Circle(disc, centre, radius, Scalar.All(contrast), -1, LineTypes.Link8);
        Cv2.Circle(disc, centre, radius, Scalar.All(-0.1), 2, LineTypes.Link8);
        Cv2.GaussianBlur(disc, disc, new Size(0, 0), PinBlurSigma);
        using var face = reflectance[box];
        Cv2.Add(face, disc, face);
    }

    private const double PinBlurSigma = 0.8;

    /// <summary>Zeros kept beyond the rim: more than the half-width of the kernel OpenCV picks for σ 0.8 on floats (3 px).</summary>
    private const int PinBlurMargin = 6;

    public static void Plant(DefectCanvas canvas, SynthRandom rng, int events)
    {
        for (var e = 0; e < events; e++)
        {
            var pore = rng.Chance(0.65);
            for (var attempt = 0; attempt < 25; attempt++)
            {
                if (pore ? Pore(canvas, rng) : ColdLap(canvas, rng))
                {
                    break;
                }
            }
        }
    }

    private static bool Pore(DefectCanvas canvas, SynthRandom rng)
    {
        var r = Math.Max(1.5, rng.LogUniform(0.25, 2.5) / canvas.PixelMm / 2);
        var c = new Point2d(rng.Uniform(10, canvas.Width - 10), rng.Uniform(10, canvas.Height - 10));
        var box = Shapes.BoxAround(c.X, c.Y, r, 3);
        if (!canvas.TryReserve(box))
        {
            return false;
        }

        var (chord, mask) = Shapes.Sphere(c.X, c.Y, r, box);
        using (chord)
        using (mask)
        {
            // A dark pit with a lit rim on the side facing the light (from the top left).
            using var pit = new Mat();
            chord.ConvertTo(pit, MatType.CV_32FC1, -rng.Uniform(0.25, 0.45) / (2 * r));
            using var rim = new Mat(box.Height, box.Width, MatType.CV_32FC1, Scalar.All(0));
            Cv2.Ellipse(rim, new Point((int)(c.X - box.X), (int)(c.Y - box.Y)), new Size((int)Math.Ceiling(r), (int)Math.Ceiling(r)), 0, 180, 270, Scalar.All(rng.Uniform(0.1, 0.25)), 1, LineTypes.Link8);
            Cv2.Add(pit, rim, pit);
            Cv2.GaussianBlur(pit, pit, new Size(0, 0), 0.5);
            canvas.AddSignal(pit, box.Location);
            canvas.Stamp(mask, box.Location, canvas.NewDefect(SynthDefectKind.SurfacePore, DefectClass.Porosity, 0));
        }

        return true;
    }

    private static bool ColdLap(DefectCanvas canvas, SynthRandom rng)
    {
        var start = new Point2d(rng.Uniform(0, canvas.Width), rng.Uniform(0, canvas.Height));
        var curve = Shapes.Curve(start, rng.Uniform(0, 2 * Math.PI), rng.Uniform(3, 20) / canvas.PixelMm, 0.006, rng);
        var box = Shapes.Bounds(curve, 3);
        if (!canvas.TryReserve(box))
        {
            return false;
        }

        var pts = Shapes.Local(curve, box);
        var lit = pts.Select(p => new Point(p.X, p.Y - 1)).ToArray();
        using var groove = new Mat(box.Height, box.Width, MatType.CV_32FC1, Scalar.All(0));
        using var mask = new Mat(box.Height, box.Width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Polylines(groove, [lit], false, Scalar.All(rng.Uniform(0.05, 0.12)), 1, LineTypes.Link8);
        Cv2.Polylines(groove, [pts], false, Scalar.All(-rng.Uniform(0.12, 0.25)), rng.Chance(0.5) ? 1 : 2, LineTypes.Link8);
        Cv2.GaussianBlur(groove, groove, new Size(0, 0), 0.5);
        Cv2.Polylines(mask, [pts], false, Scalar.All(1), 3, LineTypes.Link8);
        canvas.AddSignal(groove, box.Location);
        canvas.Stamp(mask, box.Location, canvas.NewDefect(SynthDefectKind.ColdLap, DefectClass.ColdShut, 0));
        return true;
    }

    /// <summary>Reflectance × lighting (gradient, vignetting) → blur → sensor noise → 8 bit.</summary>
    public static Mat Expose(Mat reflectance, SynthRandom rng, out IReadOnlyDictionary<string, double> settings)
    {
        var lighting = SurfaceLighting.Random(rng);
        settings = lighting.Settings;
        using var lit = Lit(reflectance, lighting);
        return Expose(lit, lighting, rng);
    }

    /// <summary>The noiseless image, grey values (float): reflectance under the lighting, blurred by the lens.</summary>
    public static Mat Lit(Mat reflectance, SurfaceLighting lighting)
    {
        var w = reflectance.Cols;
        var h = reflectance.Rows;
        var lit = new Mat(h, w, MatType.CV_32FC1);
        var r = reflectance.AsSpan<float>();
        var s = lit.AsSpan<float>();
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var u = (x / (double)w) - 0.5;
                var v = (y / (double)h) - 0.5;
                var light = (1 + (lighting.GradientX * u) + (lighting.GradientY * v)) * (1 - (lighting.Vignetting * 2 * ((u * u) + (v * v))));
                s[(y * w) + x] = (float)(lighting.Gain * r[(y * w) + x] * light);
            }
        }

        Cv2.GaussianBlur(lit, lit, new Size(0, 0), lighting.BlurSigmaPx);
        return lit;
    }

    /// <summary>One exposure of a noiseless image: sensor noise, 8 bit.</summary>
    public static Mat Expose(Mat lit, SurfaceLighting lighting, SynthRandom rng)
    {
        using var noisy = lit.Clone();
        var s = noisy.AsSpan<float>();
        for (var i = 0; i < s.Length; i++)
        {
            s[i] += (float)(lighting.NoiseDn * rng.Gaussian());
        }

        var output = new Mat();
        noisy.ConvertTo(output, MatType.CV_8UC1);
        return output;
    }

    private static void AddNoise(Mat target, double sigmaPx, double amplitude, SynthRandom rng)
    {
        using var n = Shapes.SmoothNoise(target.Cols, target.Rows, sigmaPx, rng);
        Cv2.ScaleAdd(n, amplitude, target, target);
    }

    private static void FlowLines(Mat reflectance, double pixelMm, SynthRandom rng)
    {
        var w = reflectance.Cols;
        var h = reflectance.Rows;
        using var warp = Shapes.SmoothNoise(w, h, 8 / pixelMm, rng);
        var wp = warp.AsSpan<float>();
        var r = reflectance.AsSpan<float>();
        var angle = rng.Uniform(0, Math.PI);
        var period = rng.Uniform(2, 6) / pixelMm;
        var amp = rng.Uniform(0.01, 0.03);
        var cos = Math.Cos(angle);
        var sin = Math.Sin(angle);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                var v = (x * cos) + (y * sin) + (wp[i] * period * 1.5);
                r[i] += (float)(amp * Math.Sin(2 * Math.PI * v / period));
            }
        }
    }
}

/// <summary>A harmless mark drawn on a surface image (not a defect), recorded so evaluations can count false calls on it.</summary>
public sealed record SynthLookAlike(string Kind, double X, double Y);

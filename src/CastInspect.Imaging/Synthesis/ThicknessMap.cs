using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>Renders a view's cast structure into a wall-thickness map (float, mm of metal the beam crosses per pixel).</summary>
internal static class ThicknessMap
{
    public static Mat Render(ViewGeometry g, int width, int height, double pixelMm)
    {
        var t = new Mat(height, width, MatType.CV_32FC1, Scalar.All(g.BaseThicknessMm));
        try
        {
            foreach (var step in g.Steps ?? [])
            {
                Cv2.FillPoly(t, [Poly(step.PolygonMm, pixelMm)], Scalar.All(step.ThicknessMm), LineTypes.Link8);
            }

            using (var raised = new Mat(height, width, MatType.CV_32FC1, Scalar.All(0)))
            {
                var features = (g.Ribs ?? []).Select(r => (r.HeightMm, Draw: (Action<Mat>)(m => Cv2.Line(
                        m, Px(r.FromMm, pixelMm), Px(r.ToMm, pixelMm), Scalar.All(r.HeightMm), Math.Max(1, (int)Math.Round(r.WidthMm / pixelMm)), LineTypes.Link8))))
                    .Concat((g.Bosses ?? []).Select(b => (b.HeightMm, Draw: (Action<Mat>)(m => Cv2.Circle(
                        m, Px(b.CenterMm, pixelMm), (int)Math.Round(b.DiameterMm / 2 / pixelMm), Scalar.All(b.HeightMm), -1, LineTypes.Link8)))))
                    .OrderBy(f => f.HeightMm);
                foreach (var (_, draw) in features)
                {
                    draw(raised);
                }

                Cv2.Add(t, raised, t);
            }

            foreach (var pocket in g.Pockets ?? [])
            {
                using var layer = new Mat(height, width, MatType.CV_32FC1, Scalar.All(0));
                Cv2.FillPoly(layer, [Poly(pocket.PolygonMm, pixelMm)], Scalar.All(pocket.DepthMm), LineTypes.Link8);
                Cv2.Subtract(t, layer, t);
            }

            var fillet = Math.Max(0.5, 0.2 / pixelMm);
            Cv2.GaussianBlur(t, t, new Size(0, 0), fillet);
            foreach (var wedge in g.StepWedges ?? [])
            {
                Cv2.FillPoly(t, [Poly(wedge.PolygonMm, pixelMm)], Scalar.All(wedge.ThicknessMm), LineTypes.Link8);
            }

            using var air = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
            if (g.OutlineMm is { Count: >= 3 } outline)
            {
                air.SetTo(Scalar.All(255));
                Cv2.FillPoly(air, [Poly(outline, pixelMm)], Scalar.All(0), LineTypes.Link8);
            }

            foreach (var boss in g.Bosses ?? [])
            {
                if (boss.HoleMm > 0)
                {
                    Cv2.Circle(air, Px(boss.CenterMm, pixelMm), (int)Math.Round(boss.HoleMm / 2 / pixelMm), Scalar.All(255), -1, LineTypes.Link8);
                }
            }

            t.SetTo(Scalar.All(0), air);
            Cv2.Max(t, Scalar.All(0), t);
            return t;
        }
        catch
        {
            t.Dispose();
            throw;
        }
    }

    /// <summary>A plausible random cast plate for views without a geometry description.</summary>
    public static ViewGeometry RandomPlate(string viewId, double widthMm, double heightMm, SynthRandom rng)
    {
        double[] P(double fx, double fy) => [fx * widthMm, fy * heightMm];
        var steps = Enumerable.Range(0, rng.Next(1, 4)).Select(_ =>
        {
            var x = rng.Uniform(-0.2, 0.8);
            var y = rng.Uniform(-0.2, 0.8);
            var w = rng.Uniform(0.2, 0.6);
            var h = rng.Uniform(0.2, 0.6);
            return new ThicknessStep([P(x, y), P(x + w, y), P(x + w, y + h), P(x, y + h)], rng.Uniform(2.0, 6.0));
        }).ToList();
        var ribs = Enumerable.Range(0, rng.Next(2, 6)).Select(_ =>
        {
            var horizontal = rng.Chance(0.5);
            var a = rng.Uniform(0.1, 0.9);
            var from = horizontal ? P(rng.Uniform(-0.1, 0.3), a) : P(a, rng.Uniform(-0.1, 0.3));
            var to = horizontal ? P(rng.Uniform(0.7, 1.1), a + rng.Uniform(-0.1, 0.1)) : P(a + rng.Uniform(-0.1, 0.1), rng.Uniform(0.7, 1.1));
            return new Rib(from, to, rng.Uniform(2.0, 4.5), rng.Uniform(8, 30));
        }).ToList();
        var bosses = Enumerable.Range(0, rng.Next(0, 4)).Select(_ =>
        {
            var d = rng.Uniform(8, 18);
            return new Boss(P(rng.Uniform(0.15, 0.85), rng.Uniform(0.15, 0.85)), d, rng.Uniform(10, 30), rng.Chance(0.6) ? d * rng.Uniform(0.3, 0.5) : 0);
        }).ToList();
        var pockets = Enumerable.Range(0, rng.Next(0, 3)).Select(_ =>
        {
            var x = rng.Uniform(0.1, 0.7);
            var y = rng.Uniform(0.1, 0.7);
            var w = rng.Uniform(0.1, 0.25);
            var h = rng.Uniform(0.1, 0.25);
            return new Pocket([P(x, y), P(x + w, y), P(x + w, y + h), P(x, y + h)], rng.Uniform(0.5, 1.5));
        }).ToList();
        return new ViewGeometry(viewId, rng.Uniform(2.5, 4.5), null, steps, ribs, bosses, pockets);
    }

    public static Point Px(double[] mm, double pixelMm) =>
        new((int)Math.Round(mm[0] / pixelMm), (int)Math.Round(mm[1] / pixelMm));

    private static Point[] Poly(IReadOnlyList<double[]> mm, double pixelMm) => mm.Select(p => Px(p, pixelMm)).ToArray();
}

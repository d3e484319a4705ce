using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Measurement;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>Renders synthetic images of one view of a part: X-ray from the view's wall structure, or a surface photograph.</summary>
public sealed class ViewSynthesizer : IDisposable
{
    private readonly ViewGeometry? _geometry;
    private readonly SynthOptions _options;
    private readonly Mat? _thickness;

    public ViewSynthesizer(ViewDefinition view, ViewGeometry? geometry, SynthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        View = view;
        _geometry = geometry;
        _options = options ?? new SynthOptions();
        Width = view.WidthPx > 0 ? view.WidthPx : _options.DefaultSizePx;
        Height = view.HeightPx > 0 ? view.HeightPx : _options.DefaultSizePx;
        PixelMm = view.PixelSizeMm > 0 ? view.PixelSizeMm : 0.1;
        if (view.Modality == Modality.Xray && geometry is not null)
        {
            _thickness = ThicknessMap.Render(geometry, Width, Height, PixelMm);
        }
    }

    public ViewDefinition View { get; }

    public int Width { get; }

    public int Height { get; }

    public double PixelMm { get; }

    /// <summary>Renders one shot of the view with <paramref name="defectEvents"/> flaws (0 = a clean part).</summary>
    public SynthView Render(SynthRandom rng, int defectEvents)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pose = Pose.Random(rng, _options.MaxShiftPx, _options.MaxAngleDeg);
        return View.Modality == Modality.Xray ? RenderXray(rng, defectEvents, pose) : RenderSurface(rng, defectEvents, pose);
    }

    /// <summary>The golden reference image: no fixture offset, no flaws, low noise.</summary>
    public Mat RenderReference(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (View.Modality == Modality.Xray)
        {
            using var thickness = Thickness(rng);
            return XrayRenderer.Render(thickness, XrayExposure.Reference, rng);
        }

        using var reflectance = SurfaceScene.Texture(Width, Height, PixelMm, Machined, rng);
        return SurfaceScene.Expose(reflectance, rng, out _);
    }

    public void Dispose() => _thickness?.Dispose();

    private bool Machined => string.Equals(_geometry?.SurfaceFinish, "machined", StringComparison.OrdinalIgnoreCase);

    private Mat Thickness(SynthRandom rng) =>
        _thickness?.Clone() ?? ThicknessMap.Render(ThicknessMap.RandomPlate(View.Id, Width * PixelMm, Height * PixelMm, rng), Width, Height, PixelMm);

    private SynthView RenderXray(SynthRandom rng, int defectEvents, Pose pose)
    {
        using var thickness = Thickness(rng);
        using var canvas = new DefectCanvas(Width, Height, PixelMm);
        XrayDefects.Plant(canvas, thickness, rng, defectEvents);
        using var wall = new Mat();
        Cv2.Subtract(thickness, canvas.Signal, wall);
        using var posed = pose.Apply(wall, nearest: false);
        var exposure = XrayExposure.Random(rng, View.ImageQuality?.MaxUnsharpnessPx ?? double.PositiveInfinity);
        var acquisition = new Dictionary<string, double>
        {
            ["full_scale_counts"] = exposure.FullScaleCounts,
            ["attenuation_per_mm"] = exposure.AttenuationPerMm,
            ["beam_hardening"] = exposure.BeamHardening,
            ["heel_effect"] = exposure.HeelEffect,
            ["heel_angle_deg"] = exposure.HeelAngleDeg,
            ["vignetting"] = exposure.Vignetting,
            ["quantum_gain"] = exposure.QuantumGain,
            ["read_noise"] = exposure.ReadNoise,
            ["unsharpness_sigma_px"] = exposure.UnsharpnessSigmaPx,
        };
        using var expected = XrayRenderer.Expected(posed, exposure);
        using var variance = XrayRenderer.NoiseVariance(expected, exposure);
        // A clean part has no flaw to measure: its image without flaws is the image itself, not a second render.
        using var posedClean = canvas.Planted.Count == 0 ? null : pose.Apply(thickness, nearest: false);
        using var clean = posedClean is null ? null : XrayRenderer.Expected(posedClean, exposure);
        return Finish(XrayRenderer.Expose(expected, exposure, rng), canvas, pose, [], acquisition, new Detectability.Layers(expected, clean ?? expected, variance));
    }

    private SynthView RenderSurface(SynthRandom rng, int defectEvents, Pose pose)
    {
        using var reflectance = SurfaceScene.Texture(Width, Height, PixelMm, Machined, rng);
        var lookAlikes = SurfaceScene.LookAlikes(reflectance, PixelMm, Machined, rng);
        using var canvas = new DefectCanvas(Width, Height, PixelMm);
        SurfaceScene.Plant(canvas, rng, defectEvents);
        using var posedClean = canvas.Planted.Count == 0 ? null : pose.Apply(reflectance, nearest: false);
        Cv2.Add(reflectance, canvas.Signal, reflectance);
        using var posed = pose.Apply(reflectance, nearest: false);
        using var m = pose.ReferenceToImage(Width, Height);
        var moved = lookAlikes.Select(l => l with
        {
            X = (m.Get<double>(0, 0) * l.X) + (m.Get<double>(0, 1) * l.Y) + m.Get<double>(0, 2),
            Y = (m.Get<double>(1, 0) * l.X) + (m.Get<double>(1, 1) * l.Y) + m.Get<double>(1, 2),
        }).ToList();
        var lighting = SurfaceLighting.Random(rng);
        using var lit = SurfaceScene.Lit(posed, lighting);
        using var clean = posedClean is null ? null : SurfaceScene.Lit(posedClean, lighting);
        // 8-bit quantisation adds a variance of 1/12 grey value² to the sensor's.
        using var variance = new Mat(Height, Width, MatType.CV_32FC1, Scalar.All((lighting.NoiseDn * lighting.NoiseDn) + (1.0 / 12)));
        return Finish(SurfaceScene.Expose(lit, lighting, rng), canvas, pose, moved, lighting.Settings, new Detectability.Layers(lit, clean ?? lit, variance, Clutter: clean ?? lit));
    }

    private SynthView Finish(
        Mat image, DefectCanvas canvas, Pose pose, IReadOnlyList<SynthLookAlike> lookAlikes, IReadOnlyDictionary<string, double> acquisition, Detectability.Layers layers)
    {
        try
        {
            var mask = pose.Apply(canvas.Label, nearest: true);
            try
            {
                using var instances = pose.Apply(canvas.Instance, nearest: true);
                var transform = pose.ImageToReference(Width, Height, PixelMm);
                var measured = DefectExtractor.ExtractFromMask(mask.AsSpan<byte>(), Width, Height, transform);
                var defects = measured.Select(d => Attribute(d, instances, canvas.Planted, layers, PixelMm)).ToList();
                return new SynthView(View, image, mask, transform, defects, lookAlikes, acquisition);
            }
            catch
            {
                mask.Dispose();
                throw;
            }
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Finds which planted flaw a measured component came from (the most common instance under it) and how visible it is.</summary>
    private static SynthDefect Attribute(Core.Measurement.MeasuredDefect d, Mat instances, List<PlantedDefect> planted, Detectability.Layers layers, double pixelMm)
    {
        var votes = new Dictionary<int, int>();
        var span = instances.AsSpan<ushort>();
        var b = d.BoundingBox;
        for (var y = b.Y; y < b.Y + b.Height; y++)
        {
            for (var x = b.X; x < b.X + b.Width; x++)
            {
                var id = span[(y * instances.Cols) + x];
                if (id > 0)
                {
                    votes[id] = votes.GetValueOrDefault(id) + 1;
                }
            }
        }

        var best = votes.Count == 0 ? 0 : votes.MaxBy(kv => kv.Value).Key;
        var source = planted.FirstOrDefault(p => p.Instance == best);
        var kind = source?.Kind ?? (d.Class == Core.Measurement.DefectClass.Porosity ? SynthDefectKind.GasPore : SynthDefectKind.ColdShut);
        var box = new Rect(b.X, b.Y, b.Width, b.Height);
        return new SynthDefect(d, kind, source?.DepthFraction ?? 0, Detectability.Snr(layers, instances, box, best, pixelMm));
    }
}

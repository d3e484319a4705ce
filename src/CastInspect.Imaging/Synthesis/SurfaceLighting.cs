namespace CastInspect.Imaging.Synthesis;

/// <summary>How one surface photograph was lit and taken (recorded in the manifest).</summary>
/// <param name="Gain">Grey value of reflectance 1 at the image centre.</param>
/// <param name="GradientX">Lighting slope across the image, fraction per image width.</param>
/// <param name="GradientY">Lighting slope down the image, fraction per image height.</param>
/// <param name="Vignetting">Fractional fall-off at the corners.</param>
/// <param name="NoiseDn">Sensor noise std-dev, grey values.</param>
/// <param name="BlurSigmaPx">Lens blur, Gaussian σ in px.</param>
public sealed record SurfaceLighting(double Gain, double GradientX, double GradientY, double Vignetting, double NoiseDn, double BlurSigmaPx)
{
    public static SurfaceLighting Random(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new(rng.Uniform(300, 420), rng.Uniform(-0.25, 0.25), rng.Uniform(-0.25, 0.25), rng.Uniform(0.1, 0.35), rng.Uniform(1.0, 3.5), rng.Uniform(0.4, 1.0));
    }

    public IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["gain"] = Gain,
        ["gradient_x"] = GradientX,
        ["gradient_y"] = GradientY,
        ["vignetting"] = Vignetting,
        ["noise_dn"] = NoiseDn,
        ["blur_sigma_px"] = BlurSigmaPx,
    };
}

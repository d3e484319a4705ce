namespace CastInspect.Core.Inspection;

/// <summary>How grey values between the window's ends map to model input (docs/normalisation.md).</summary>
public enum IntensityTransform
{
    /// <summary>In proportion to the grey value.</summary>
    Linear,

    /// <summary>
    /// In proportion to the square root of the grey value: on a quantum-limited X-ray detector the noise is then the
    /// same at every wall thickness, so a pore in a thick rib is not crushed into the dark end of the window.
    /// </summary>
    Sqrt,
}

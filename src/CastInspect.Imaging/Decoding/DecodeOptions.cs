namespace CastInspect.Imaging.Decoding;

/// <summary>Limits applied to incoming images before they are decoded.</summary>
public sealed record DecodeOptions
{
    public static DecodeOptions Default { get; } = new();

    /// <summary>Largest image accepted, in megapixels, checked against the header before decoding (default 40 MP).</summary>
    public double MaxMegapixels { get; init; } = 40;
}

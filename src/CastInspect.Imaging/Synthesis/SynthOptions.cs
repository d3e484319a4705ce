namespace CastInspect.Imaging.Synthesis;

/// <summary>Which views the synthesiser renders.</summary>
public enum SynthModality
{
    Both,
    Xray,
    Surface,
}

/// <summary>What <c>castinspect synth</c> generates.</summary>
public sealed record SynthOptions
{
    /// <summary>Number of parts; each part gives one image per selected view.</summary>
    public int Count { get; init; } = 10;

    public ulong Seed { get; init; } = 1;

    /// <summary>Fraction of parts that carry defects (default 0.5); the rest are clean.</summary>
    public double DefectRate { get; init; } = 0.5;

    public SynthModality Modality { get; init; } = SynthModality.Both;

    /// <summary>Largest fixture shift of a part, px (default 12).</summary>
    public double MaxShiftPx { get; init; } = 12;

    /// <summary>Largest fixture rotation of a part, degrees (default 1).</summary>
    public double MaxAngleDeg { get; init; } = 1;

    /// <summary>Size used for views that accept any size and give none (default 1024).</summary>
    public int DefaultSizePx { get; init; } = 1024;
}

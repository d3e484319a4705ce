namespace CastInspect.Server.Reprocessing;

/// <summary>How a run uses the machine.</summary>
public sealed class ReprocessRunnerOptions
{
    /// <summary>Parts re-inspected at the same time, each through the shared inspector. Default: one per logical core.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Images of the selection whose tiles are run straight through the model, half before the run and half after it, for the raw inference rate
    /// the run's images/s is compared with. Default 16; 0 skips the comparison.
    /// </summary>
    public int BaselineImages { get; set; } = 16;
}

namespace CastInspect.Server.Reprocessing;

/// <summary>What one session of a run did: parts and images it processed, in how long, and whether it was interrupted.</summary>
/// <param name="MeanStageMs">Mean milliseconds per image of each pipeline stage (decode, normalise, infer, extract, judge…).</param>
public sealed record ReprocessSession(
    int Parts,
    int Images,
    int Failed,
    TimeSpan Elapsed,
    int Parallelism,
    bool Interrupted,
    IReadOnlyDictionary<string, double> MeanStageMs)
{
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? Images / Elapsed.TotalSeconds : 0;
}

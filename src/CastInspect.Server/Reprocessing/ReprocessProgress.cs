namespace CastInspect.Server.Reprocessing;

/// <summary>Where a run stands: parts done of the total (including those done before a resume), images this session.</summary>
/// <param name="Done">Parts with an outcome (result or failure), including those finished before this session.</param>
/// <param name="Total">Parts selected for the run.</param>
/// <param name="DoneThisSession">Parts finished by this session (the rate is computed from these).</param>
/// <param name="ImagesThisSession">Images re-inspected by this session.</param>
/// <param name="Elapsed">Time since this session started processing.</param>
public sealed record ReprocessProgress(int Done, int Total, int DoneThisSession, int ImagesThisSession, TimeSpan Elapsed)
{
    public double PartsPerSecond => Elapsed.TotalSeconds > 0 ? DoneThisSession / Elapsed.TotalSeconds : 0;

    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? ImagesThisSession / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time to finish at the current rate; null until a part is done.</summary>
    public TimeSpan? Eta => PartsPerSecond > 0 ? TimeSpan.FromSeconds((Total - Done) / PartsPerSecond) : null;
}

using System.Globalization;
using CastInspect.Server.Metrics;

namespace CastInspect.Cli.Benchmarks;

/// <summary>
/// Where the service's time goes: the in-process server's stage histograms (those behind /metrics) read before and
/// after the measured parts, as mean milliseconds per part.
/// </summary>
internal sealed class StageBreakdown
{
    private static readonly string[] PartStages = ["receive", "inspect", "archive", "store"];
    private static readonly string[] ViewStages = ["decode", "preprocess", "register", "quality", "infer", "extract"];

    private readonly Dictionary<string, double> _start;

    private StageBreakdown(Dictionary<string, double> start) => _start = start;

    public static StageBreakdown Start() => new(Snapshot());

    /// <summary>One line per level: part stages, then the per-view pipeline stages summed over a part's views.</summary>
    public IEnumerable<string> Lines(int parts)
    {
        var now = Snapshot();
        string Format(IEnumerable<string> stages, string prefix) => string.Join(", ", stages.Select(stage =>
            string.Create(CultureInfo.InvariantCulture, $"{stage} {(now[prefix + stage] - _start[prefix + stage]) * 1000 / Math.Max(parts, 1):F0}")));
        yield return $"service stages, ms per part: {Format(PartStages, string.Empty)}";
        yield return $"pipeline stages (all views), ms per part: {Format(ViewStages, "view_")}";
    }

    private static Dictionary<string, double> Snapshot() =>
        PartStages.Concat(ViewStages.Select(s => "view_" + s))
            .ToDictionary(stage => stage, stage => InspectionMetrics.StageSeconds.WithLabels(stage).Sum);
}

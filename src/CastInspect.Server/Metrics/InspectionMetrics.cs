using Prometheus;

namespace CastInspect.Server.Metrics;

/// <summary>Prometheus metrics of the inspection service, served on <c>/metrics</c>.</summary>
public static class InspectionMetrics
{
    private static readonly double[] SecondsBuckets = Histogram.ExponentialBuckets(0.005, 2, 14);

    public static Counter Inspections { get; } = Prometheus.Metrics.CreateCounter(
        "castinspect_inspections_total", "Inspections stored, by verdict.", "verdict");

    public static Counter Rejected { get; } = Prometheus.Metrics.CreateCounter(
        "castinspect_uploads_rejected_total", "Uploads refused, by gRPC status.", "status");

    public static Histogram StageSeconds { get; } = Prometheus.Metrics.CreateHistogram(
        "castinspect_stage_duration_seconds",
        "Time per stage: receive, inspect, archive, store, and each pipeline stage per view.",
        new HistogramConfiguration { LabelNames = ["stage"], Buckets = SecondsBuckets });

    public static Histogram InferenceSeconds { get; } = Prometheus.Metrics.CreateHistogram(
        "castinspect_inference_duration_seconds", "Model inference time per view.", new HistogramConfiguration { Buckets = SecondsBuckets });

    public static Gauge UploadsInFlight { get; } = Prometheus.Metrics.CreateGauge(
        "castinspect_uploads_in_flight", "Part uploads being received or judged.");
}

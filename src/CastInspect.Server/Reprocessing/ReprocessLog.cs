using Microsoft.Extensions.Logging;

namespace CastInspect.Server.Reprocessing;

internal static partial class ReprocessLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Reprocessing run {RunId}: {Pending} of {Total} parts to do, {Parallelism} in parallel")]
    public static partial void Starting(ILogger logger, string runId, int pending, int total, int parallelism);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Reprocessing run {RunId}: inspection {InspectionId} not re-judged: {Error}")]
    public static partial void ItemFailed(ILogger logger, string runId, long inspectionId, string error);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Reprocessing run {RunId}: {Status}, {Parts} parts and {Images} images in {Seconds:F1} s")]
    public static partial void Finished(ILogger logger, string runId, string status, int parts, int images, double seconds);
}

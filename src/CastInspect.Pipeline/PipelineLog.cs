using Microsoft.Extensions.Logging;

namespace CastInspect.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug, Message = "Part {PartNumber} view {ViewId}: {Defects} defects in {Milliseconds:F1} ms")]
    public static partial void ViewInspected(ILogger logger, string partNumber, string viewId, int defects, double milliseconds);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Part {PartNumber}: {Verdict} in {Milliseconds:F1} ms")]
    public static partial void PartInspected(ILogger logger, string partNumber, string verdict, double milliseconds);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "A zone asks for pores its model cannot report: {Gap}")]
    public static partial void ResolutionGap(ILogger logger, string gap);
}

using Microsoft.Extensions.Logging;

namespace CastInspect.Server.Logging;

internal static partial class ServerLog
{
    private static readonly Func<ILogger, string, string, string, IDisposable?> Scope =
        LoggerMessage.DefineScope<string, string, string>("upload {InspectionRequestId} serial {PartSerial} part {PartNumber}");

    public static IDisposable? UploadScope(ILogger logger, string requestId, string partSerial, string partNumber) =>
        Scope(logger, requestId, partSerial, partNumber);

    [LoggerMessage(1, LogLevel.Information, "Inspected {PartNumber} serial {PartSerial}: {Verdict} in {TotalMs:F0} ms ({ViewCount} views)")]
    public static partial void Inspected(ILogger logger, string partNumber, string partSerial, string verdict, double totalMs, int viewCount);

    [LoggerMessage(2, LogLevel.Information, "Request {RequestId} already stored: returning its verdict")]
    public static partial void Replayed(ILogger logger, string requestId);

    [LoggerMessage(3, LogLevel.Warning, "Upload rejected ({Status}): {Reason}")]
    public static partial void Rejected(ILogger logger, string status, string reason);

    [LoggerMessage(4, LogLevel.Information, "Upload cancelled by the client; nothing stored")]
    public static partial void Cancelled(ILogger logger);

    [LoggerMessage(5, LogLevel.Information, "gRPC on {GrpcUrl} (HTTP/2), web viewer and /metrics on {HttpUrl}, store {DatabasePath}")]
    public static partial void Listening(ILogger logger, string grpcUrl, string httpUrl, string databasePath);

    [LoggerMessage(6, LogLevel.Warning, "Swept {Count} half-written temporary image files under {ArchivePath} (left by a server that was killed mid-write; no inspection refers to them)")]
    public static partial void OrphansSwept(ILogger logger, int count, string archivePath);
}

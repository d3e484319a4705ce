using Grpc.Core;

namespace CastInspect.Server.Inspections;

/// <summary>An upload the service refuses, with the gRPC status and a message naming the view and the reason.</summary>
public sealed class UploadRejectedException : Exception
{
    public UploadRejectedException(StatusCode status, string message)
        : base(message)
    {
        Status = status;
    }

    public UploadRejectedException()
    {
    }

    public UploadRejectedException(string message)
        : base(message)
    {
    }

    public UploadRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StatusCode Status { get; } = StatusCode.InvalidArgument;
}

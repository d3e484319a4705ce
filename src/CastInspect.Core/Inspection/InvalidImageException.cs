namespace CastInspect.Core.Inspection;

/// <summary>What is wrong with an incoming image, in words a camera integrator can act on.</summary>
public enum ImageProblem
{
    Empty,
    Truncated,
    UnsupportedFormat,
    UnsupportedDepth,
    TooLarge,
    SizeMismatch,
}

/// <summary>An image that cannot be inspected; the message names the view and the reason.</summary>
public sealed class InvalidImageException : Exception
{
    public InvalidImageException(string viewId, ImageProblem problem, string message)
        : base($"view '{viewId}': {message}")
    {
        ViewId = viewId;
        Problem = problem;
    }

    public InvalidImageException()
    {
        ViewId = string.Empty;
    }

    public InvalidImageException(string message)
        : base(message)
    {
        ViewId = string.Empty;
    }

    public InvalidImageException(string message, Exception innerException)
        : base(message, innerException)
    {
        ViewId = string.Empty;
    }

    public string ViewId { get; }

    public ImageProblem Problem { get; }
}

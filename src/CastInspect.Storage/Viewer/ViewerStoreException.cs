namespace CastInspect.Storage.Viewer;

/// <summary>Why a viewer store refused a request.</summary>
public enum ViewerStoreProblem
{
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>A request the viewer store refused; the message says what and why in words for the user.</summary>
public sealed class ViewerStoreException : Exception
{
    public ViewerStoreException(ViewerStoreProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public ViewerStoreException()
    {
    }

    public ViewerStoreException(string message)
        : base(message)
    {
    }

    public ViewerStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ViewerStoreProblem Problem { get; }
}

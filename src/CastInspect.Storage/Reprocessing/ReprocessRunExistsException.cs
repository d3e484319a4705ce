namespace CastInspect.Storage.Reprocessing;

/// <summary>A new run was requested with the id of an existing one.</summary>
public sealed class ReprocessRunExistsException : Exception
{
    public ReprocessRunExistsException(string runId)
        : base($"reprocessing run '{runId}' already exists: resume it with the same id and no new selection, or choose another id")
    {
        RunId = runId;
    }

    public ReprocessRunExistsException()
    {
        RunId = string.Empty;
    }

    public ReprocessRunExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
        RunId = string.Empty;
    }

    public string RunId { get; }
}

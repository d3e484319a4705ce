namespace CastInspect.Inference.Manifest;

/// <summary>A model manifest or model file that does not match; the message says what to fix. Stops start-up.</summary>
public sealed class ModelManifestException : Exception
{
    public ModelManifestException()
    {
    }

    public ModelManifestException(string message)
        : base(message)
    {
    }

    public ModelManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace CastInspect.Inference;

/// <summary>Inference settings that cannot be honoured on this machine; the message says what is missing. Stops start-up.</summary>
public sealed class InferenceConfigurationException : Exception
{
    public InferenceConfigurationException()
    {
    }

    public InferenceConfigurationException(string message)
        : base(message)
    {
    }

    public InferenceConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

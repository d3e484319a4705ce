using Microsoft.Extensions.Logging;

namespace CastInspect.Inference;

internal static partial class InferenceLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Inference on {Provider}: {Reason}")]
    public static partial void ProviderChosen(ILogger logger, ExecutionProviderKind provider, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Model {Name} {Version} ({Modality}) loaded from {Path}: input {Input}, tile {Tile} px, overlap {Overlap} px")]
    public static partial void ModelLoaded(ILogger logger, string name, string version, string modality, string path, string input, int tile, int overlap);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Model {Name} looks again at each {Class} component of at least {MinAreaPx} px with {File} ({Patches}): kept at score >= {MinScore}")]
    public static partial void SecondLookLoaded(ILogger logger, string name, string @class, int minAreaPx, string file, string patches, double minScore);
}

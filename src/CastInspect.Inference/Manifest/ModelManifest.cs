using System.Text.Json;
using System.Text.Json.Serialization;
using CastInspect.Core.Measurement;

namespace CastInspect.Inference.Manifest;

/// <summary>models/manifest.json: every shipped model with what it needs to be applied exactly as it was trained.</summary>
public sealed record ModelManifest(IReadOnlyList<ModelEntry> Models)
{
    public const string FileName = "manifest.json";

    /// <summary>The classes every CastInspect model must output, in this order (the mask indices of DefectClass).</summary>
    public static IReadOnlyList<string> ExpectedClasses { get; } = ["background", DefectClassKeys.Porosity, DefectClassKeys.ColdShut];

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        WriteIndented = true,
    };

    /// <exception cref="ModelManifestException">The file is missing or not a valid manifest.</exception>
    public static ModelManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelManifestException($"model manifest '{path}' not found: set Pipeline:ModelsDirectory to the folder holding manifest.json and the .onnx files");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<ModelManifest>(stream, JsonOptions)
                ?? throw new ModelManifestException($"model manifest '{path}' is empty");
        }
        catch (JsonException ex)
        {
            throw new ModelManifestException($"model manifest '{path}' is not valid JSON for a manifest: {ex.Message}", ex);
        }
    }
}

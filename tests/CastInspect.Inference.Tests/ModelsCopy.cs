using System.Text.Json.Nodes;

namespace CastInspect.Inference.Tests;

/// <summary>A throw-away copy of the shipped models folder whose manifest a test may change.</summary>
internal sealed class ModelsCopy : IDisposable
{
    public ModelsCopy()
    {
        Directory = Path.Combine(Path.GetTempPath(), "castinspect-models-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in System.IO.Directory.GetFiles(RepoPaths.Models))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
        }
    }

    public string Directory { get; }

    public string ManifestPath => Path.Combine(Directory, "manifest.json");

    /// <summary>Changes the first model's manifest entry.</summary>
    public void EditFirstModel(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();
        edit(root["models"]![0]!.AsObject());
        File.WriteAllText(ManifestPath, root.ToJsonString());
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

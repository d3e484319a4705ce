namespace CastInspect.Tests.Shared;

/// <summary>The repository checkout the tests run from: the folder holding CastInspect.sln above the test binaries.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CastInspect.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CastInspect.sln not found above the test binaries");
    });

    public static string Root => RootFolder.Value;

    /// <summary>The shipped models folder (manifest.json and the .onnx files).</summary>
    public static string Models => Path.Combine(Root, "models");

    /// <summary>The sample part programs folder.</summary>
    public static string SampleParts => Path.Combine(Root, "samples", "parts");

    /// <summary>A copy of the shipped models folder at <paramref name="directory"/>, whose manifest a test may change.</summary>
    public static string CopyModels(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.GetFiles(Models))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return directory;
    }
}

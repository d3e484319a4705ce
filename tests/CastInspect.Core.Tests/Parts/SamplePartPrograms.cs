namespace CastInspect.Core.Tests.Parts;

/// <summary>Paths of the shared sample part programs under samples/parts.</summary>
internal static class SamplePartPrograms
{
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CastInspect.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(
                dir?.FullName ?? throw new InvalidOperationException("CastInspect.sln not found above the test binaries"),
                "samples", "parts");
        }
    }

    public static string UnderbodyPath => Path.Combine(Folder, "UB-R-1000.json");

    public static string GenericPath => Path.Combine(Folder, "generic.json");
}

namespace CastInspect.Inference.Tests;

internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CastInspect.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("CastInspect.sln not found above the test binaries");
        }
    }

    public static string Models => Path.Combine(Root, "models");
}

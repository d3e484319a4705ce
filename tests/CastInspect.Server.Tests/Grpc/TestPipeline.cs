namespace CastInspect.Server.Tests.Grpc;

/// <summary>The real pipeline with the shipped models and sample part programs of the repository.</summary>
internal static class TestPipeline
{
    public static string RepoRoot
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

    public static string[] Settings =>
    [
        $"--Pipeline:ModelsDirectory={Path.Combine(RepoRoot, "models")}",
        $"--Pipeline:PartProgramsDirectory={Path.Combine(RepoRoot, "samples", "parts")}",
    ];
}

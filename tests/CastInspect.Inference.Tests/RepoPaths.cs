using CastInspect.Tests.Shared;

namespace CastInspect.Inference.Tests;

internal static class RepoPaths
{
    public static string Root => Repository.Root;

    public static string Models => Path.Combine(Root, "models");
}

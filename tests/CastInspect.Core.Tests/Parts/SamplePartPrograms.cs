using CastInspect.Tests.Shared;

namespace CastInspect.Core.Tests.Parts;

/// <summary>Paths of the shared sample part programs under samples/parts.</summary>
internal static class SamplePartPrograms
{
    public static string Folder => Repository.SampleParts;

    public static string UnderbodyPath => Path.Combine(Folder, "UB-R-1000.json");

    public static string GenericPath => Path.Combine(Folder, "generic.json");
}

using CastInspect.Core.Parts;

namespace CastInspect.Core.Inspection;

/// <summary>The part programs a service knows, by part number.</summary>
public interface IPartProgramCatalog
{
    PartProgram? Find(string partNumber);

    IReadOnlyList<PartProgram> All { get; }
}

using CastInspect.Core.Parts;

namespace CastInspect.Core.Inspection;

/// <summary>
/// Inspects one part: decodes, preprocesses and registers each view, finds defects, measures and judges them.
/// The one entry point shared by the CLI, the gRPC service and batch reprocessing, so every path gives the same result.
/// </summary>
public interface IPartInspector
{
    /// <exception cref="InvalidImageException">An image cannot be decoded or does not fit its view.</exception>
    Task<PartInspection> InspectAsync(PartProgram program, IReadOnlyList<ViewImage> images, CancellationToken cancellationToken);
}

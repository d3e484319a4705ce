using CastInspect.Core.Parts;
using CastInspect.Core.Measurement;
using CastInspect.Inference.Manifest;
using Microsoft.Extensions.Logging;

namespace CastInspect.Pipeline;

/// <summary>Part programs checked against the models that serve them: the zones whose detection floor is below the
/// smallest pore the model for their view reports (<see cref="ResolutionGap"/>).</summary>
public static class ResolutionCheck
{
    /// <summary>Each modality's porosity noise floor in px, as the service extracts defects with it: the manifest's
    /// <c>min_area_px.porosity</c>, else the extractor's least component.</summary>
    public static IReadOnlyDictionary<Modality, int> PorosityNoiseFloorsPx(IEnumerable<ModelEntry> models) =>
        models.GroupBy(m => m.Modality).ToDictionary(g => g.Key, g => PartInspector.OperatingPoint(g.First()).MinAreaFor(DefectClass.Porosity));

    public static IReadOnlyList<ResolutionGap> Find(IEnumerable<PartProgram> programs, IEnumerable<ModelEntry> models)
    {
        ArgumentNullException.ThrowIfNull(programs);
        var floors = PorosityNoiseFloorsPx(models);
        return [.. programs.SelectMany(p => ResolutionGap.Find(p, floors))];
    }

    /// <summary>Logs a warning for each gap; returns how many there were.</summary>
    public static int Warn(ILogger logger, IEnumerable<PartProgram> programs, IEnumerable<ModelEntry> models)
    {
        var gaps = Find(programs, models);
        foreach (var gap in gaps)
        {
            PipelineLog.ResolutionGap(logger, gap.Describe());
        }

        return gaps.Count;
    }
}

using static CastInspect.Core.Invariant;

namespace CastInspect.Core.Parts;

/// <summary>
/// A zone whose rules judge pores smaller than the model for its view can report. A component smaller than the model's
/// porosity noise floor (<c>min_area_px</c>) is never judged, so on a view of <see cref="ViewDefinition.PixelSizeMm"/>
/// no pore under Ø <see cref="SmallestPoreMm"/> = 2·√(floor/π)·pixel size is reported, whatever the zone's detection
/// floor says: pores between the two pass unseen (count, area %, spacing and edge-distance rules never see them).
/// </summary>
/// <param name="NoiseFloorPx">The model's porosity noise floor, in pixels.</param>
/// <param name="SmallestPoreMm">Equivalent diameter of a pore covering <paramref name="NoiseFloorPx"/> pixels.</param>
public sealed record ResolutionGap(string PartNumber, string ViewId, Zone Zone, int NoiseFloorPx, double PixelSizeMm, double SmallestPoreMm)
{
    /// <summary>The zone's largest allowed pore is no larger than the smallest pore reported: a pore over the limit may
    /// pass unseen, not only the small ones the count and area rules add up.</summary>
    public bool LimitUnseen => Zone.Porosity?.MaxPoreDiameterMm is { } max && max <= SmallestPoreMm;

    public string Describe()
    {
        var floor = Zone.Porosity!.DetectionFloorMm;
        var what = LimitUnseen
            ? $"its largest allowed pore Ø {Num(Zone.Porosity.MaxPoreDiameterMm!.Value)} mm is itself at or below that, so a pore over the limit can pass unseen"
            : $"pores of Ø {Num(floor)}–{Num(SmallestPoreMm)} mm pass unseen";
        return $"part {PartNumber} view {ViewId} zone {Zone.Id} \"{Zone.Name}\" judges pores from Ø {Num(floor)} mm, but its model reports none below "
            + $"Ø {Num(SmallestPoreMm)} mm (noise floor {Num(NoiseFloorPx)} px at {Num(PixelSizeMm)} mm/px): {what}. "
            + "Raise the zone's detection_floor_mm to what the line can see, image the view at finer pixels, or tune the model to a lower floor";
    }

    /// <summary>Every zone of <paramref name="program"/> whose porosity detection floor is below what the model for its
    /// view reports. Views whose modality has no entry in <paramref name="porosityNoiseFloorPx"/> are skipped.</summary>
    public static IReadOnlyList<ResolutionGap> Find(PartProgram program, IReadOnlyDictionary<Modality, int> porosityNoiseFloorPx)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(porosityNoiseFloorPx);
        var gaps = new List<ResolutionGap>();
        foreach (var view in program.Views)
        {
            if (!porosityNoiseFloorPx.TryGetValue(view.Modality, out var floorPx))
            {
                continue;
            }

            var smallest = Math.Round(2 * Math.Sqrt(floorPx / Math.PI) * view.PixelSizeMm, 3);
            gaps.AddRange(view.Zones
                .Where(z => z.Porosity is { } rules && rules.DetectionFloorMm < smallest)
                .Select(z => new ResolutionGap(program.PartNumber, view.Id, z, floorPx, view.PixelSizeMm, smallest)));
        }

        return gaps;
    }
}

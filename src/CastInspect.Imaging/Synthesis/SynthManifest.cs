using System.Text.Json;
using System.Text.Json.Serialization;

namespace CastInspect.Imaging.Synthesis;

/// <summary>Per-image ground truth written next to each synthetic image as <c>&lt;name&gt;.json</c>.</summary>
public sealed record SynthImageManifest(
    string PartNumber,
    int PartProgramRevision,
    string Serial,
    string ViewId,
    string Modality,
    string Image,
    string Mask,
    int WidthPx,
    int HeightPx,
    int BitDepth,
    double PixelSizeMm,
    IReadOnlyList<double> ImageToReference,
    IReadOnlyDictionary<string, double> Acquisition,
    IReadOnlyList<SynthDefectEntry> Defects,
    IReadOnlyList<SynthLookAlike> LookAlikes,
    string? ExpectedVerdict,
    string? ExpectedViewVerdict,
    IReadOnlyList<string> ExpectedReasons);

/// <summary>One ground-truth defect. Size is the equivalent diameter for porosity, the max Feret length for cold shuts.
/// <paramref name="DetectabilitySnr"/>: the ideal observer's signal-to-noise ratio of the flaw in its image
/// (<see cref="Detectability"/>; below the Rose criterion, 5, no detector finds it reliably).</summary>
public sealed record SynthDefectEntry(
    int Index,
    string Class,
    int ClassId,
    string Kind,
    double[] CentroidPx,
    int[] BboxPx,
    double[] CentroidMm,
    double AreaPx,
    double SizeMm,
    double EquivalentDiameterMm,
    double LengthMm,
    double DepthFraction,
    double DetectabilitySnr,
    IReadOnlyList<string> Zones);

/// <summary>One synthetic part in <c>dataset.json</c>. <paramref name="ExpectedVerdictVisible"/>: the verdict its flaws
/// at or above the Rose criterion alone give (what a perfect detector could be held to).</summary>
public sealed record SynthPartEntry(
    int Index,
    string Serial,
    bool Defective,
    string? ExpectedVerdict,
    IReadOnlyList<SynthViewEntry> Views,
    string? ExpectedVerdictVisible);

public sealed record SynthViewEntry(string ViewId, string Image, string Mask, string Manifest, int DefectCount);

/// <summary>The dataset index, <c>dataset.json</c>.</summary>
public sealed record SynthDatasetManifest(
    string Generator,
    int GeneratorVersion,
    string PartNumber,
    string PartProgram,
    int PartProgramRevision,
    ulong Seed,
    int Count,
    double DefectRate,
    string Modality,
    IReadOnlyDictionary<string, int> ClassIds,
    IReadOnlyList<string> References,
    IReadOnlyList<SynthPartEntry> Parts,
    IReadOnlyList<string> Files);

internal static class SynthJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}

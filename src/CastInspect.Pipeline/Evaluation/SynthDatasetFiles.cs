using System.Text.Json;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>The parts of a <c>castinspect synth</c> dataset.json the evaluation reads.</summary>
/// <param name="GeneratorVersion">The synth generator that drew the images; figures on one generator's images do not carry to another's.</param>
internal sealed record SynthDatasetIndex(string PartNumber, ulong Seed, IReadOnlyList<SynthPartRef> Parts, int? GeneratorVersion = null)
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static SynthDatasetIndex Load(string folder)
    {
        var path = Path.Combine(folder, "dataset.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{folder}' is not a synth dataset: dataset.json not found (make one with castinspect synth)", path);
        }

        return JsonSerializer.Deserialize<SynthDatasetIndex>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"'{path}' is empty");
    }
}

internal sealed record SynthPartRef(
    int Index, string Serial, bool Defective, string? ExpectedVerdict, IReadOnlyList<SynthViewRef> Views, string? ExpectedVerdictVisible = null)
{
    /// <summary>Whether the part should be judged NOK: by its expected verdict where the set gives every part one
    /// (<paramref name="fromDataset"/>), else by whether it has flaws.</summary>
    public bool ExpectsNok(bool fromDataset) => fromDataset ? string.Equals(ExpectedVerdict, "nok", StringComparison.OrdinalIgnoreCase) : Defective;
}

internal sealed record SynthViewRef(string ViewId, string Image, string Mask, string Manifest);

/// <summary>A view's ground truth (&lt;name&gt;.json).</summary>
internal sealed record SynthViewTruth(string Modality, double PixelSizeMm, IReadOnlyList<SynthTruthDefect> Defects, IReadOnlyList<string>? ExpectedReasons = null)
{
    public static SynthViewTruth Load(string path) =>
        JsonSerializer.Deserialize<SynthViewTruth>(File.ReadAllText(path), SynthDatasetIndex.Json)
        ?? throw new InvalidDataException($"'{path}' is empty");
}

/// <param name="DetectabilitySnr">Null in datasets of generator 2 and before, which did not record it.</param>
internal sealed record SynthTruthDefect(int Index, int ClassId, IReadOnlyList<int> BboxPx, double EquivalentDiameterMm, double LengthMm, double? DetectabilitySnr = null);

using System.Text.Json;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;

namespace CastInspect.Inference.Manifest;

/// <summary>One model in the manifest.</summary>
/// <param name="Name">Model name, e.g. "xray-seg".</param>
/// <param name="Version">Version recorded with every verdict.</param>
/// <param name="Modality">The views it is applied to.</param>
/// <param name="File">The .onnx file, relative to the manifest.</param>
/// <param name="Sha256">Hex SHA-256 of the .onnx file, checked at start-up.</param>
/// <param name="Classes">Output channel names; must be background, porosity, cold_shut.</param>
/// <param name="Input">Input tensor name and shape [batch, 1, tile, tile] (-1 = dynamic).</param>
/// <param name="Output">Output tensor name and shape [batch, classes, tile, tile]: class probabilities.</param>
/// <param name="Normalisation">Percentile window and intensity transform applied to each image before tiling, as in training.</param>
/// <param name="Tile">Tile size and overlap in pixels.</param>
/// <param name="Thresholds">Per-class probability above which a pixel is that class.</param>
/// <param name="Architecture">Human description.</param>
/// <param name="Training">Training facts (seed, size, wall time), free-form.</param>
/// <param name="Evaluation">Evaluation figures on a held-out synth set, free-form.</param>
/// <param name="MinAreaPx">Per-class smallest component, in pixels, that counts as a detection (the model's noise floor,
/// tuned with the thresholds on a validation set); null = the extractor's default.</param>
/// <param name="MeasureAtPeakFraction">Per-class measuring level as a share of each component's peak probability (tuned
/// on a validation set): a component found at the threshold is measured over its pixels at or above this share of its
/// peak, never below the threshold; null = measured over every pixel found.</param>
/// <param name="GrowThresholds">Per-class grow threshold (hysteresis, tuned on a validation set): a component found at
/// the threshold spans every pixel connected to it at or above this lower probability; null = the threshold alone.</param>
/// <param name="MinAspectRatios">Per-class least ratio of length to width (tuned on a validation set): a component above
/// the noise floor that is not this many times longer than wide is screened out (a cold shut is a linear indication);
/// null = not screened by shape.</param>
/// <param name="LinkDistancesMm">Per-class link distance in mm (tuned on a validation set): components closer than this
/// are one indication; null = not linked.</param>
/// <param name="SecondLooks">Classifiers that look again at each component of their class, at most one per class;
/// null or empty = none.</param>
/// <param name="SecondLook">The single <c>second_look</c> block of manifests before second looks per class; read only
/// so that loading such a manifest stops with a message saying how to move it into <c>second_looks</c>.</param>
public sealed record ModelEntry(
    string Name,
    string Version,
    Modality Modality,
    string File,
    string Sha256,
    IReadOnlyList<string> Classes,
    TensorSpec Input,
    TensorSpec Output,
    NormalisationSpec Normalisation,
    TileSpec Tile,
    ClassThresholds Thresholds,
    string? Architecture = null,
    JsonElement? Training = null,
    JsonElement? Evaluation = null,
    ClassMinAreas? MinAreaPx = null,
    ClassMeasuringLevels? MeasureAtPeakFraction = null,
    ClassGrowThresholds? GrowThresholds = null,
    ClassMinAspectRatios? MinAspectRatios = null,
    ClassLinkDistances? LinkDistancesMm = null,
    IReadOnlyList<SecondLookSpec>? SecondLooks = null,
    JsonElement? SecondLook = null)
{
    public InputNormalisation InputNormalisation => new(Normalisation.LowPercentile, Normalisation.HighPercentile, Normalisation.IntensityTransform);
}

/// <summary>A tensor's name and shape; -1 marks a dynamic dimension.</summary>
public sealed record TensorSpec(string Name, IReadOnlyList<long> Shape);

/// <summary>The manifest's "normalisation": percentiles, and "transform" ("linear" when left out, or "sqrt").</summary>
public sealed record NormalisationSpec(double LowPercentile, double HighPercentile, string? Transform = null)
{
    public static IReadOnlyList<string> KnownTransforms { get; } = ["linear", "sqrt"];

    public bool IsKnownTransform => Transform is null || KnownTransforms.Contains(Transform, StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">The transform is not known (<see cref="ModelVerifier"/> rejects such an entry first).</exception>
    public IntensityTransform IntensityTransform => Transform switch
    {
        null or "linear" => IntensityTransform.Linear,
        "sqrt" => IntensityTransform.Sqrt,
        _ => throw new InvalidOperationException($"normalisation transform '{Transform}' is not known"),
    };
}

/// <summary>Square tiles of <paramref name="Size"/> px placed with <paramref name="Overlap"/> px overlap.</summary>
public sealed record TileSpec(int Size, int Overlap);

public sealed record ClassThresholds(double Porosity, double ColdShut);

/// <summary>Per-class share of a component's peak probability it is measured at; null = every pixel found.</summary>
public sealed record ClassMeasuringLevels(double? Porosity = null, double? ColdShut = null);

/// <summary>Per-class probability a component found at the threshold grows to; null = the threshold alone.</summary>
public sealed record ClassGrowThresholds(double? Porosity = null, double? ColdShut = null);

/// <summary>Smallest connected component, in pixels, that counts as a pore or a cold shut.</summary>
public sealed record ClassMinAreas(int Porosity, int ColdShut);

/// <summary>Per-class least length-to-width ratio of a component; null = not screened by shape.</summary>
public sealed record ClassMinAspectRatios(double? Porosity = null, double? ColdShut = null);

/// <summary>Per-class distance in mm within which components are linked into one indication; null = not linked.</summary>
public sealed record ClassLinkDistances(double? Porosity = null, double? ColdShut = null);

/// <summary>Per-class least second-look score a component keeps; null = 0 (scored, never screened).</summary>
public sealed record ClassSecondLookScores(double? Porosity = null, double? ColdShut = null);

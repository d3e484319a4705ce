using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;

namespace CastInspect.Inference.Manifest;

/// <summary>Checks a manifest entry against its .onnx file and loaded session; every mismatch says what to fix.</summary>
public static class ModelVerifier
{
    /// <exception cref="ModelManifestException">Classes, tile or file hash do not match the manifest.</exception>
    public static void VerifyEntry(ModelEntry entry, string onnxPath)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.Classes.SequenceEqual(ModelManifest.ExpectedClasses, StringComparer.Ordinal))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': manifest classes [{string.Join(", ", entry.Classes)}] must be exactly " +
                $"[{string.Join(", ", ModelManifest.ExpectedClasses)}] in that order: retrain or fix the manifest's \"classes\"");
        }

        if (entry.Tile.Size <= 0 || entry.Tile.Overlap < 0 || entry.Tile.Overlap >= entry.Tile.Size)
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': tile size {entry.Tile.Size} with overlap {entry.Tile.Overlap} is invalid: need size > 0 and 0 <= overlap < size");
        }

        if (entry.MinAreaPx is { } floor && (floor.Porosity < 1 || floor.ColdShut < 1))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': min_area_px porosity {floor.Porosity}, cold_shut {floor.ColdShut} is invalid: each must be at least 1 px " +
                "(re-run castinspect tune --write, or remove \"min_area_px\" to use the default)");
        }

        if (!entry.Normalisation.IsKnownTransform)
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': normalisation transform '{entry.Normalisation.Transform}' is not known to this build: expected " +
                $"{string.Join(" or ", NormalisationSpec.KnownTransforms)} (a model trained by a newer models/training needs a newer CastInspect)");
        }

        if (entry.MeasureAtPeakFraction is { } share && (share.Porosity is <= 0 or > 1 || share.ColdShut is <= 0 or > 1))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': measure_at_peak_fraction porosity {share.Porosity}, cold_shut {share.ColdShut} is invalid: each must be " +
                "above 0 and at most 1, or left out (re-run castinspect tune --write, or remove \"measure_at_peak_fraction\" to measure every pixel found)");
        }

        if (entry.GrowThresholds is { } grow
            && (grow.Porosity is { } gp && (gp <= 0 || gp > entry.Thresholds.Porosity) || grow.ColdShut is { } gc && (gc <= 0 || gc > entry.Thresholds.ColdShut)))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': grow_thresholds porosity {grow.Porosity}, cold_shut {grow.ColdShut} is invalid: each must be above 0 and at " +
                $"most its class threshold (porosity {entry.Thresholds.Porosity}, cold_shut {entry.Thresholds.ColdShut}), or left out " +
                "(re-run castinspect tune --write, or remove \"grow_thresholds\" to find components at the threshold alone)");
        }

        if (entry.MinAspectRatios is { } aspect && (aspect.Porosity is { } ap && !(ap >= 1) || aspect.ColdShut is { } ac && !(ac >= 1)))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': min_aspect_ratios porosity {aspect.Porosity}, cold_shut {aspect.ColdShut} is invalid: each must be at least 1 " +
                "(length over width), or left out (re-run castinspect tune --write, or remove \"min_aspect_ratios\" to screen no class by shape)");
        }

        if (entry.LinkDistancesMm is { } link && (link.Porosity is { } lp && !(lp > 0) || link.ColdShut is { } lc && !(lc > 0)))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': link_distances_mm porosity {link.Porosity}, cold_shut {link.ColdShut} is invalid: each must be above 0 mm, " +
                "or left out (re-run castinspect tune --write, or remove \"link_distances_mm\" to link no class)");
        }

        VerifyFile(entry.Name, "file", onnxPath, entry.Sha256, "the manifest says",
            "the file was replaced or corrupted; restore the shipped file or retrain with models/training/train.sh, which rewrites the manifest");
    }

    /// <summary>The file exists and has the manifest's hash; <paramref name="what"/> names it ("file", "second-look
    /// file"), <paramref name="says"/> the field that holds the hash, <paramref name="fix"/> what a person does.</summary>
    internal static void VerifyFile(string modelName, string what, string path, string expectedSha256, string says, string fix)
    {
        if (!File.Exists(path))
        {
            throw new ModelManifestException($"model '{modelName}': {what} '{path}' named in the manifest does not exist");
        }

        var actual = Sha256(path);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelManifestException($"model '{modelName}': sha256 of {what} '{path}' is {actual} but {says} {expectedSha256}: {fix}");
        }
    }

    /// <exception cref="ModelManifestException">Input or output name/shape of the session differ from the manifest.</exception>
    public static void VerifySession(ModelEntry entry, InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(session);
        long[] expectedInput = [-1, 1, entry.Tile.Size, entry.Tile.Size];
        long[] expectedOutput = [-1, ModelManifest.ExpectedClasses.Count, entry.Tile.Size, entry.Tile.Size];
        Check(entry, "input", entry.Input, session.InputMetadata, expectedInput);
        Check(entry, "output", entry.Output, session.OutputMetadata, expectedOutput);
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void Check(ModelEntry entry, string what, TensorSpec spec, IReadOnlyDictionary<string, NodeMetadata> metadata, long[] expected)
    {
        if (!spec.Shape.SequenceEqual(expected))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': manifest {what} shape {Format(spec.Shape)} does not fit tile size {entry.Tile.Size}: expected {Format(expected)}");
        }

        if (!metadata.TryGetValue(spec.Name, out var node))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': the .onnx file has no {what} named '{spec.Name}' (it has {string.Join(", ", metadata.Keys)}): fix the manifest's {what}.name");
        }

        var actual = node.Dimensions.Select(d => (long)d).ToArray();
        if (!actual.SequenceEqual(spec.Shape))
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': {what} '{spec.Name}' has shape {Format(actual)} in the .onnx file but {Format(spec.Shape)} in the manifest: " +
                "fix the manifest's shape or tile size to match the file, or re-export the model");
        }
    }

    private static string Format(IEnumerable<long> shape) =>
        "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}

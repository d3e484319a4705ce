using System.Globalization;
using CastInspect.Core.Measurement;
using Microsoft.ML.OnnxRuntime;

namespace CastInspect.Inference.Manifest;

/// <summary>Checks one of a model's <c>second_looks</c> blocks against its .onnx file and loaded session; every mismatch says what to fix.</summary>
public static class SecondLookVerifier
{
    /// <exception cref="ModelManifestException">The entry still has the single <c>second_look</c> block of older
    /// manifests, or a look at a class this build does not know, or two looks at one class.</exception>
    public static void VerifyClasses(ModelEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.SecondLook is not null)
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': the manifest has a single \"second_look\" block, the layout before second looks per class: " +
                "move it into a list, \"second_looks\": [ { …the same block… } ]");
        }

        var looks = entry.SecondLooks ?? [];
        foreach (var spec in looks)
        {
            if (DefectClassKeys.Parse(spec.Class) is null)
            {
                throw new ModelManifestException(
                    $"model '{entry.Name}': second_looks class '{spec.Class}' is not known to this build: only {string.Join(" and ", DefectClassKeys.All.Select(c => $"\"{c}\""))} are looked at again");
            }
        }

        if (looks.GroupBy(l => l.Class, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ModelManifestException(
                $"model '{entry.Name}': second_looks has {twice.Count()} looks at '{twice.Key}': keep one per class");
        }
    }

    /// <exception cref="ModelManifestException">Patch size, least score or file hash do not fit (the class is checked by
    /// <see cref="VerifyClasses"/>).</exception>
    public static void VerifySpec(string modelName, SecondLookSpec spec, string onnxPath)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var inv = CultureInfo.InvariantCulture;
        if (spec.PatchPx < 4 || spec.PatchPx % 2 != 0)
        {
            throw new ModelManifestException(string.Create(inv,
                $"model '{modelName}': second_looks[{spec.Class}].patch_px {spec.PatchPx} is invalid: it must be an even number of at least 4 px (the size second_look.py exported)"));
        }

        if (!(spec.MinScore >= 0 && spec.MinScore < 1))
        {
            throw new ModelManifestException(string.Create(inv,
                $"model '{modelName}': second_looks[{spec.Class}].min_score {spec.MinScore} is invalid: it must be at least 0 and under 1 (re-run castinspect tune --write)"));
        }

        if (spec.MinAreaPx < 1)
        {
            throw new ModelManifestException(string.Create(inv,
                $"model '{modelName}': second_looks[{spec.Class}].min_area_px {spec.MinAreaPx} is invalid: it must be at least 1 px (the --floor second_look.py mined with)"));
        }

        ModelVerifier.VerifyFile(modelName, "second-look file", onnxPath, spec.Sha256, $"the manifest's second_looks[{spec.Class}].sha256 says",
            "restore the shipped file or retrain it with models/training/second_look.py, which rewrites the manifest");
    }

    /// <exception cref="ModelManifestException">The session's input or output is not the one the manifest names, or not of its shape.</exception>
    public static void VerifySession(string modelName, SecondLookSpec spec, InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(session);
        Check(modelName, spec.Class, "input", spec.Input, session.InputMetadata, [-1, 2, spec.PatchPx, spec.PatchPx]);
        Check(modelName, spec.Class, "output", spec.Output, session.OutputMetadata, [-1]);
    }

    private static void Check(string modelName, string cls, string what, string name, IReadOnlyDictionary<string, NodeMetadata> metadata, long[] expected)
    {
        if (!metadata.TryGetValue(name, out var node))
        {
            throw new ModelManifestException(
                $"model '{modelName}': the {cls} second-look file has no {what} named '{name}' (it has {string.Join(", ", metadata.Keys)}): fix second_looks[{cls}].{what}");
        }

        var actual = node.Dimensions.Select(d => (long)d).ToArray();
        if (!actual.SequenceEqual(expected))
        {
            throw new ModelManifestException(
                $"model '{modelName}': {cls} second-look {what} '{name}' has shape [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}] " +
                $"for second_looks[{cls}].patch_px: fix patch_px or re-export with models/training/second_look.py");
        }
    }
}

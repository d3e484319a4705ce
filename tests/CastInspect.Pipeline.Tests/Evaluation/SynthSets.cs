using CastInspect.Core.Parts;
using CastInspect.Imaging.Synthesis;
using CastInspect.Tests.Shared;

namespace CastInspect.Pipeline.Tests.Evaluation;

/// <summary>Small X-ray synth sets of the sample part UB-R-1000, one per seed, for the tests that pool several.</summary>
internal static class SynthSets
{
    /// <returns>The part program and each set's folder (<c>set-N-seed-SEED</c> under <paramref name="root"/>), in the order given.</returns>
    public static (PartProgram Program, string[] Folders) WriteXray(string root, int count, double defectRate, params ulong[] seeds)
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        var folders = seeds.Select((seed, i) =>
        {
            var folder = Path.Combine(root, $"set-{i}-seed-{seed}");
            new SyntheticDataset(program, geometry, new SynthOptions { Count = count, Seed = seed, DefectRate = defectRate, Modality = SynthModality.Xray }).Write(folder);
            return folder;
        }).ToArray();
        return (program, folders);
    }
}

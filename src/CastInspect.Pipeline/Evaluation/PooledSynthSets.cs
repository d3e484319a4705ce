namespace CastInspect.Pipeline.Evaluation;

/// <summary>Several synth sets read as one: they must be of one part program, made by one synth generator, each of its
/// own seed (the same seed twice would count its parts twice).</summary>
internal static class PooledSynthSets
{
    public static List<(string Folder, SynthDatasetIndex Index)> Load(IReadOnlyList<string> dataFolders)
    {
        ArgumentNullException.ThrowIfNull(dataFolders);
        if (dataFolders.Count == 0)
        {
            throw new ArgumentException("give at least one synth set", nameof(dataFolders));
        }

        var sets = dataFolders.Select(f => (Folder: f, Index: SynthDatasetIndex.Load(f))).ToList();
        var first = sets[0];
        foreach (var (folder, index) in sets.Skip(1))
        {
            if (index.PartNumber != first.Index.PartNumber || index.GeneratorVersion != first.Index.GeneratorVersion)
            {
                throw new InvalidDataException(
                    $"'{folder}' is part {index.PartNumber} from synth generator {index.GeneratorVersion}, '{first.Folder}' part {first.Index.PartNumber} from generator {first.Index.GeneratorVersion}: pool sets of one part program, made by one synth version");
            }
        }

        if (sets.GroupBy(s => s.Index.Seed).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidDataException(
                $"'{string.Join("' and '", twice.Select(s => s.Folder))}' are both seed {twice.Key}: the same parts would be counted twice; give sets of different seeds");
        }

        return sets;
    }

    /// <summary>Every part of the sets, set by set, with the folder its files are in (a serial names its seed, so no
    /// two parts share a key); <paramref name="maxParts"/>: only the first N of each set.</summary>
    public static IEnumerable<(string Folder, SynthPartRef Part)> Parts(IEnumerable<(string Folder, SynthDatasetIndex Index)> sets, int? maxParts) =>
        sets.SelectMany(s => s.Index.Parts.Take(maxParts ?? int.MaxValue).Select(p => (s.Folder, p)));
}

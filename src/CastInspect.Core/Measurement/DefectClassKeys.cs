namespace CastInspect.Core.Measurement;

/// <summary>
/// The names a defect class goes by outside the process: in the model manifest, the synth masks' <c>class_ids</c>,
/// the store's <c>defects.class</c> column, <c>inspect --json</c> and the viewer's query strings.
/// </summary>
public static class DefectClassKeys
{
    public const string Porosity = "porosity";
    public const string ColdShut = "cold_shut";

    /// <summary>Every key, in the order of the classes' mask indices.</summary>
    public static IReadOnlyList<string> All { get; } = [Porosity, ColdShut];

    /// <summary>The key of <paramref name="defectClass"/>: "porosity" or "cold_shut".</summary>
    public static string Of(DefectClass defectClass) => defectClass switch
    {
        DefectClass.Porosity => Porosity,
        DefectClass.ColdShut => ColdShut,
        _ => throw new ArgumentOutOfRangeException(nameof(defectClass), defectClass, "not a defect class"),
    };

    /// <summary>The class a key names, or null for any other text (also null and different case).</summary>
    public static DefectClass? Parse(string? key) => key switch
    {
        Porosity => DefectClass.Porosity,
        ColdShut => DefectClass.ColdShut,
        _ => null,
    };
}

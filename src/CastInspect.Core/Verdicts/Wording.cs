using CastInspect.Core.Parts;
using static CastInspect.Core.Invariant;

namespace CastInspect.Core.Verdicts;

/// <summary>The phrases of verdict reasons, so that every rule reads the same way.</summary>
internal static class Wording
{
    public static string Zone(Zone zone) => $"zone {zone.Id} \"{zone.Name}\": ";

    /// <summary>"&gt; 1.2 mm" when NOK, "within 10 % of limit 1.2 mm" when REVIEW.</summary>
    public static string AgainstMax(Verdict v, double limit, string unit, double margin) =>
        v == Verdict.Nok ? $"> {Num(limit)}{Unit(unit)}" : $"within {Num(margin * 100)} % of limit {Num(limit)}{Unit(unit)}";

    /// <summary>"&lt; 2 mm" when NOK, "within 10 % of minimum 2 mm" when REVIEW.</summary>
    public static string AgainstMin(Verdict v, double limit, string unit, double margin) =>
        v == Verdict.Nok ? $"< {Num(limit)}{Unit(unit)}" : $"within {Num(margin * 100)} % of minimum {Num(limit)}{Unit(unit)}";

    public static string Uncertain(double confidence, double threshold) =>
        $"uncertain (confidence {confidence.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} < {Num(threshold)})";

    public static string Area(ReferenceArea area) => area.Shape == ReferenceAreaShape.Circle
        ? $"Ø {Num(area.SizeMm)} mm circle"
        : $"{Num(area.SizeMm)} mm square";

    private static string Unit(string unit) => unit switch
    {
        "%" => " %",
        "count" => string.Empty,
        _ => " " + unit,
    };
}

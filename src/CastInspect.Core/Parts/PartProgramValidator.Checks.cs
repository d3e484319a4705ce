using CastInspect.Core.Geometry;
using static CastInspect.Core.Invariant;

namespace CastInspect.Core.Parts;

/// <summary>The small field checks and descriptions the validator's per-level methods share.</summary>
public static partial class PartProgramValidator
{
    private static void CheckUniqueIds(IEnumerable<string> ids, Func<int, string> field, string what, Action<string, string> add)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                add(field(i), $"empty: every {what} needs an id");
            }
            else if (first.TryGetValue(id, out var earlier))
            {
                add(field(i), $"duplicate {what} id '{id}' (also at {field(earlier)})");
            }
            else
            {
                first[id] = i;
            }

            i++;
        }
    }

    private static bool Positive(double value, string field, Action<string, string> add)
    {
        if (value > 0 && double.IsFinite(value))
        {
            return true;
        }

        add(field, $"must be more than 0, got {Num(value)}");
        return false;
    }

    private static void Percent(double value, string field, Action<string, string> add)
    {
        if (!(value > 0 && value <= 100))
        {
            add(field, $"must be more than 0 and at most 100 %, got {Num(value)}");
        }
    }

    private static void Fraction(double value, string field, Action<string, string> add)
    {
        if (!(value >= 0 && value <= 1))
        {
            add(field, $"must be from 0 to 1, got {Num(value)}");
        }
    }

    private static bool IsFinite(RectMm r) => double.IsFinite(r.Width) && double.IsFinite(r.Height) && r.Width > 0 && r.Height > 0;

    private const double EdgeToleranceMm = 1e-6;

    private static bool Inside(PointMm p, RectMm r) =>
        p.X >= r.X - EdgeToleranceMm && p.X <= r.X + r.Width + EdgeToleranceMm
        && p.Y >= r.Y - EdgeToleranceMm && p.Y <= r.Y + r.Height + EdgeToleranceMm;

    private static bool Inside(IReadOnlyList<PointMm> polygon, RectMm r) => polygon.All(p => Inside(p, r));

    private static string Describe(RectMm r) => $"0–{Num(r.X + r.Width)} × 0–{Num(r.Y + r.Height)} mm";

    private static string Describe(IReadOnlyList<PointMm> polygon, int edge)
    {
        var a = polygon[edge];
        var b = polygon[(edge + 1) % polygon.Count];
        return $"({Num(a.X)}, {Num(a.Y)})–({Num(b.X)}, {Num(b.Y)})";
    }
}

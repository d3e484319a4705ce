using System.Globalization;

namespace CastInspect.Core;

/// <summary>Numbers written the same way on every machine, with no more digits than an engineer needs.</summary>
internal static class Invariant
{
    public static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CastInspect.Cli.Commands;

/// <summary>What the verbs that walk a synth dataset (<c>eval</c>, <c>tune</c>) share: progress on stderr and the JSON form of their reports.</summary>
internal static class DatasetVerb
{
    public static JsonSerializerOptions ReportJson { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes "<paramref name="verb"/>: N <paramref name="unit"/>" to stderr every <paramref name="every"/> items.</summary>
    public static IProgress<int> Progress(string verb, int every, string unit) => new Progress<int>(n =>
    {
        if (n % every == 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb}: {n} {unit}"));
        }
    });
}

using System.Text.Json;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Inspections;

namespace CastInspect.Storage.Viewer;

/// <summary>How the viewer reads the store's text columns: <see cref="StoreJson"/> and <see cref="VerdictText"/>, tolerant of unreadable JSON.</summary>
internal static class ViewerText
{
    public static string Time(DateTimeOffset value) => StoreJson.FormatTime(value);

    public static DateTimeOffset ParseTime(string value) => StoreJson.ParseTime(value);

    public static string Of(Verdict verdict) => VerdictText.Of(verdict);

    public static Verdict ParseVerdict(string text) => VerdictText.Parse(text);

    public static T Read<T>(string? json, T fallback)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return fallback;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, StoreJson.Options) ?? fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    public static IReadOnlyList<string> Strings(string? json) => Read<List<string>>(json, []);
}

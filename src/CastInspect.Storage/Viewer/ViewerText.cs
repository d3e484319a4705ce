using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CastInspect.Core.Verdicts;

namespace CastInspect.Storage.Viewer;

/// <summary>How the viewer reads and writes the store's text columns: snake_case JSON and sortable ISO-8601 UTC times.</summary>
internal static class ViewerText
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Nok => "NOK",
        Verdict.Review => "REVIEW",
        _ => "OK",
    };

    public static Verdict ParseVerdict(string text) => text switch
    {
        "NOK" => Verdict.Nok,
        "REVIEW" => Verdict.Review,
        "OK" => Verdict.Ok,
        _ => throw new InvalidDataException($"unknown verdict '{text}' in the store"),
    };

    public static T Read<T>(string? json, T fallback)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return fallback;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    public static IReadOnlyList<string> Strings(string? json) => Read<List<string>>(json, []);
}

using System.Globalization;
using System.Text.Json;

namespace CastInspect.Core.Parts.Loading;

/// <summary>
/// Reads the keys of one JSON object, reporting missing, mistyped and unknown keys with their field path.
/// Every key read is remembered so that <see cref="RejectUnknownKeys"/> can flag typos.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement element;
    private readonly ProblemSink sink;
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    private JsonObjectReader(JsonElement element, string path, ProblemSink sink)
    {
        this.element = element;
        Path = path;
        this.sink = sink;
    }

    public string Path { get; }

    public static JsonObjectReader? Open(JsonElement element, string path, ProblemSink sink)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            sink.Add(path, $"must be an object {{ ... }}, got {Describe(element)}");
            return null;
        }

        return new JsonObjectReader(element, path, sink);
    }

    public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => element.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string key, bool required)
    {
        if (!TryGet(key, required, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            sink.Add(Field(key), $"must be text in quotes, got {Describe(v)}");
            return null;
        }

        return v.GetString();
    }

    public double? Number(string key, bool required)
    {
        if (!TryGet(key, required, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number)
        {
            sink.Add(Field(key), $"must be a number, got {Describe(v)}");
            return null;
        }

        return v.GetDouble();
    }

    public int? Integer(string key, bool required)
    {
        if (!TryGet(key, required, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
        {
            sink.Add(Field(key), $"must be a whole number, got {Describe(v)}");
            return null;
        }

        return i;
    }

    public bool? Bool(string key, bool required)
    {
        if (!TryGet(key, required, out var v))
        {
            return null;
        }

        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            sink.Add(Field(key), $"must be true or false, got {Describe(v)}");
            return null;
        }

        return v.GetBoolean();
    }

    public T? Enum<T>(string key, bool required, IReadOnlyDictionary<string, T> names, string what)
        where T : struct
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (names.TryGetValue(text, out var value))
        {
            return value;
        }

        sink.Add(Field(key), $"unknown {what} '{text}' (expected {string.Join(" or ", names.Keys)})");
        return null;
    }

    public JsonObjectReader? Object(string key, bool required) =>
        TryGet(key, required, out var v) ? Open(v, Field(key), sink) : null;

    public IReadOnlyList<(JsonElement Element, string Path)>? Array(string key, bool required)
    {
        if (!TryGet(key, required, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            sink.Add(Field(key), $"must be a list [ ... ], got {Describe(v)}");
            return null;
        }

        var field = Field(key);
        var items = new List<(JsonElement, string)>();
        for (var i = 0; i < v.GetArrayLength(); i++)
        {
            items.Add((v[i], $"{field}[{i.ToString(CultureInfo.InvariantCulture)}]"));
        }

        return items;
    }

    /// <summary>Reports keys this object has but nobody read (typos, unsupported rules) and keys given twice.</summary>
    public void RejectUnknownKeys(string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var properties = element.EnumerateObject();
        foreach (var property in properties)
        {
            if (!seen.Add(property.Name))
            {
                sink.Add(Field(property.Name), "given more than once");
            }
            else if (!read.Contains(property.Name))
            {
                var hint = Suggestions.Closest(property.Name, read);
                var known = string.Join(", ", read.Order(StringComparer.Ordinal));
                sink.Add(Field(property.Name), hint is null
                    ? $"unknown {what} '{property.Name}' (known: {known})"
                    : $"unknown {what} '{property.Name}'; did you mean '{hint}'?");
            }
        }
    }

    /// <summary>Marks keys as known without reading them (keys whose absence or presence is handled elsewhere).</summary>
    public void Know(params string[] keys)
    {
        foreach (var k in keys)
        {
            read.Add(k);
        }
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"\"{v.GetString()}\"",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => v.ValueKind.ToString(),
    };

    private bool TryGet(string key, bool required, out JsonElement value)
    {
        read.Add(key);
        if (element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            sink.Add(Field(key), "missing (required)");
        }

        return false;
    }
}

using System.Text.Json;
using CastInspect.Core.Parts.Loading;

namespace CastInspect.Core.Parts;

/// <summary>
/// Loads part programs from their JSON files (snake_case keys, see docs/part-programs.md). Unknown keys are rejected so
/// that typos are caught; relative paths (reference, dark and flat images) are resolved against the file's folder.
/// Every problem is reported with the file, the field and the reason; a program is returned only when it has none.
/// </summary>
public static class PartProgramLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads and validates a file; never throws for bad content (the problems are in the result).</summary>
    public static PartProgramLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new PartProgramLoadResult(null, [new PartProgramProblem(path, string.Empty, $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Loads a valid file, or throws <see cref="PartProgramException"/> listing every problem.</summary>
    public static PartProgram Load(string path) => LoadFile(path).GetProgramOrThrow();

    /// <summary>
    /// Parses and validates JSON text. <paramref name="sourceName"/> names the source in messages;
    /// relative paths resolve against <paramref name="baseDirectory"/> (and are not checked for existence when it is null).
    /// </summary>
    public static PartProgramLoadResult Parse(string json, string sourceName, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        var sink = new ProblemSink(sourceName);
        PartProgram? program;
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            program = new PartProgramReader(sink, baseDirectory).Read(document.RootElement);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {Invariant.Num((int)line + 1)}, column {Invariant.Num((int)(e.BytePositionInLine ?? 0) + 1)}" : string.Empty;
            sink.Add(string.Empty, $"not valid JSON at {where}: {FirstSentence(e.Message)}");
            return new PartProgramLoadResult(null, sink.Problems);
        }

        if (program is null)
        {
            return new PartProgramLoadResult(null, sink.Problems);
        }

        sink.AddUnlessCovered(PartProgramValidator.Validate(program));
        return new PartProgramLoadResult(sink.Problems.Count == 0 ? program : null, sink.Problems);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

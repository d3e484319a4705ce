using System.Globalization;
using System.Text;
using System.Text.Json;
using CastInspect.Storage;

namespace CastInspect.Server.Reprocessing;

/// <summary>
/// Writes a run's report: <c>report.json</c> (everything), <c>transitions.csv</c> (from, to, parts — all nine, unchanged
/// included), <c>changed.csv</c> (each part whose verdict changed, old and new reasons) and <c>failures.csv</c>; and the
/// console summary.
/// </summary>
public static class ReprocessReportWriter
{
    public const string JsonFile = "report.json";
    public const string TransitionsFile = "transitions.csv";
    public const string ChangedFile = "changed.csv";
    public const string FailuresFile = "failures.csv";

    private static readonly JsonSerializerOptions Indented = new(StoreJson.Options) { WriteIndented = true };

    /// <summary>Writes the files into <paramref name="folder"/> (created) and returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteFilesAsync(ReprocessReport report, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        async Task Write(string name, string content)
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllTextAsync(path, content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            files.Add(path);
        }

        await Write(JsonFile, JsonSerializer.Serialize(report, Indented)).ConfigureAwait(false);
        await Write(TransitionsFile, Csv(["from", "to", "parts", "changed"], report.Transitions.Select(t =>
            new[] { t.From, t.To, Num(t.Parts), t.Changed ? "yes" : "no" }))).ConfigureAwait(false);
        await Write(ChangedFile, Csv(["inspection_id", "part_serial", "part_number", "old_verdict", "new_verdict", "old_reasons", "new_reasons"],
            report.Changed.Select(c => new[]
            {
                Num(c.InspectionId), c.PartSerial, c.PartNumber, c.OldVerdict, c.NewVerdict, string.Join(" | ", c.OldReasons), string.Join(" | ", c.NewReasons),
            }))).ConfigureAwait(false);
        await Write(FailuresFile, Csv(["inspection_id", "part_serial", "part_number", "error"],
            report.Failures.Select(f => new[] { Num(f.InspectionId), f.PartSerial, f.PartNumber, f.Error }))).ConfigureAwait(false);
        return files;
    }

    /// <summary>The console summary: counts, the transition table, changed parts with reasons, throughput.</summary>
    public static string Summary(ReprocessReport report, int maxChangedListed = 50)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"Reprocessing run {report.RunId} ({report.Status}): {report.Selected} selected, {report.Processed} processed, {report.Failed} failed, {report.Remaining} remaining");
        s.AppendLine("Verdict transitions (line → reprocessed):");
        s.AppendLine(c, $"  {"line",-8}{"now",-8}{"parts",8}");
        foreach (var t in report.Transitions)
        {
            s.AppendLine(c, $"  {t.From,-8}{t.To,-8}{t.Parts,8}{(t.Changed ? string.Empty : "  (unchanged)")}");
        }

        s.AppendLine(c, $"Changed: {report.Changed.Count} part(s)");
        foreach (var part in report.Changed.Take(maxChangedListed))
        {
            s.AppendLine(c, $"  {part.PartSerial} ({part.PartNumber}, inspection {part.InspectionId}): {part.OldVerdict} → {part.NewVerdict}");
            s.AppendLine(c, $"    was: {Reasons(part.OldReasons)}");
            s.AppendLine(c, $"    now: {Reasons(part.NewReasons)}");
        }

        if (report.Changed.Count > maxChangedListed)
        {
            s.AppendLine(c, $"  … {report.Changed.Count - maxChangedListed} more in {ChangedFile}");
        }

        foreach (var f in report.Failures.Take(maxChangedListed))
        {
            s.AppendLine(c, $"  not re-judged: {f.PartSerial} (inspection {f.InspectionId}): {f.Error}");
        }

        if (report.Throughput is { } t2)
        {
            s.Append(c, $"Throughput: {t2.Parts} parts, {t2.Images} images in {t2.Seconds:F1} s = {t2.ImagesPerSecond:F2} images/s ({t2.Parallelism} in parallel)");
            if (t2.RawImagesPerSecond is { } raw && t2.Ratio is { } ratio)
            {
                s.Append(c, $"; raw model inference {raw:F2} images/s; ratio {ratio:F2} (target ≥ 0.9)");
            }

            s.AppendLine();
            if (t2.MeanStageMs.Count > 0)
            {
                s.AppendLine(c, $"Pipeline per image (mean ms, per worker): {string.Join(", ", t2.MeanStageMs.OrderByDescending(kv => kv.Value).Select(kv => string.Create(c, $"{kv.Key} {kv.Value:F1}")))}");
            }
        }

        return s.ToString();
    }

    private static string Reasons(IReadOnlyList<string> reasons) => reasons.Count == 0 ? "(no NOK or REVIEW reason)" : string.Join("; ", reasons);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        var s = new StringBuilder();
        s.AppendJoin(',', header.Select(Field)).Append('\n');
        foreach (var row in rows)
        {
            s.AppendJoin(',', row.Select(Field)).Append('\n');
        }

        return s.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

using System.Diagnostics;
using System.Text.Json;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Storage;
using CastInspect.Storage.Inspections;

namespace CastInspect.Server.Reprocessing;

/// <summary>The verdict file written for one part of a folder (<c>&lt;serial&gt;.json</c>).</summary>
/// <param name="Verdict">OK, REVIEW or NOK; null when the part could not be inspected (see <paramref name="Error"/>).</param>
/// <param name="Images">The image file of each view.</param>
/// <param name="Result">The full inspection result (views, zones, defects, timings).</param>
public sealed record FolderPartVerdict(
    string PartSerial,
    string PartNumber,
    int PartProgramRevision,
    string? Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyDictionary<string, string> Images,
    string? Error,
    PartInspection? Result);

/// <summary>What a folder run did.</summary>
public sealed record FolderSummary(int Parts, int Images, int Ok, int Review, int Nok, int Failed, TimeSpan Elapsed, IReadOnlyList<string> Files);

/// <summary>Inspects the parts of an image folder against one part program, without a store, one JSON verdict per part.</summary>
public sealed class DirectoryReprocessor(IPartInspector inspector)
{
    private static readonly JsonSerializerOptions Indented = new(StoreJson.Options) { WriteIndented = true };

    public async Task<FolderSummary> RunAsync(
        PartProgram program, FolderScan scan, string outputFolder, int parallelism, IProgress<ReprocessProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(scan);
        Directory.CreateDirectory(outputFolder);
        var verdicts = new FolderPartVerdict[scan.Parts.Count];
        var files = new string[scan.Parts.Count];
        var done = 0;
        var images = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, scan.Parts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var part = scan.Parts[i];
                verdicts[i] = await InspectAsync(program, part, token).ConfigureAwait(false);
                files[i] = Path.Combine(outputFolder, FileNameOf(part.Serial) + ".json");
                await File.WriteAllTextAsync(files[i], JsonSerializer.Serialize(verdicts[i], Indented), token).ConfigureAwait(false);
                var n = Interlocked.Increment(ref done);
                var m = Interlocked.Add(ref images, part.Views.Count);
                progress?.Report(new ReprocessProgress(n, scan.Parts.Count, n, m, clock.Elapsed));
            }).ConfigureAwait(false);
        return new FolderSummary(
            scan.Parts.Count,
            images,
            verdicts.Count(v => v.Verdict == "OK"),
            verdicts.Count(v => v.Verdict == "REVIEW"),
            verdicts.Count(v => v.Verdict == "NOK"),
            verdicts.Count(v => v.Error is not null),
            clock.Elapsed,
            files);
    }

    /// <summary>The serial as a file name: characters not allowed in file names become '_'.</summary>
    public static string FileNameOf(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var invalid = Path.GetInvalidFileNameChars();
        var name = new string(serial.Select(c => invalid.Contains(c) || c == '\\' ? '_' : c).ToArray());
        return name is "" or "." or ".." ? "_" + name : name;
    }

    private async Task<FolderPartVerdict> InspectAsync(PartProgram program, FolderPart part, CancellationToken token)
    {
        var files = part.Views.ToDictionary(v => v.ViewId, v => v.ImagePath, StringComparer.Ordinal);
        try
        {
            var images = new List<ViewImage>(part.Views.Count);
            foreach (var view in part.Views)
            {
                images.Add(new ViewImage(view.ViewId, await File.ReadAllBytesAsync(view.ImagePath, token).ConfigureAwait(false)));
            }

            var result = await inspector.InspectAsync(program, images, token).ConfigureAwait(false);
            return new FolderPartVerdict(
                part.Serial, program.PartNumber, program.Revision, VerdictText.Of(result.Verdict.Verdict), result.Verdict.Reasons, files, null, result);
        }
        catch (Exception e) when (e is InvalidImageException or IOException or UnauthorizedAccessException)
        {
            return new FolderPartVerdict(part.Serial, program.PartNumber, program.Revision, null, [], files, e.Message, null);
        }
    }
}

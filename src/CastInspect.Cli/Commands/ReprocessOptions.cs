using System.CommandLine;

namespace CastInspect.Cli.Commands;

/// <summary>The options of <c>castinspect reprocess</c>.</summary>
internal sealed class ReprocessOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Data folder with the store and image archive. Default ./data." };

    public Option<string?> RunId { get; } = new("--run-id") { Description = "Run id: a new run, or an interrupted one to resume. Default r-<UTC time>." };

    public Option<string?> From { get; } = new("--from") { Description = "Captured at or after (ISO-8601; UTC unless an offset is given)." };

    public Option<string?> To { get; } = new("--to") { Description = "Captured before (ISO-8601)." };

    public Option<string?> PartNumber { get; } = new("--part-number") { Description = "Only this part number." };

    public Option<string?> Verdict { get; } = new("--verdict") { Description = "Only parts the line judged OK, REVIEW or NOK." };

    public Option<string?> Disposition { get; } = new("--disposition") { Description = "Only parts with this disposition: none, NOK_SCRAP, NOK_REWORK, RELEASED_OK." };

    public Option<string?> Ids { get; } = new("--ids") { Description = "Only these inspection ids (comma-separated)." };

    public Option<string?> Models { get; } = new("--models") { Description = "Model folder (manifest.json + .onnx). Default ./models, or the run's on resume." };

    public Option<string?> Part { get; } = new("--part") { Description = "New part program file (selects its part number unless --part-number is given)." };

    public Option<string?> Parts { get; } = new("--parts") { Description = "Folder of new part programs, by part number; other part numbers keep the line's revision." };

    public Option<string?> Report { get; } = new("--report") { Description = "Report folder (report.json, transitions.csv, changed.csv, failures.csv). Default <data>/reprocess/<run-id>." };

    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "Parts re-inspected at once. Default: one per core.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public Option<int> BaselineImages { get; } = new("--baseline-images")
    {
        Description = "Images timed through the bare model (half before, half after the run), for the raw-inference ratio. Default 16; 0 skips.",
        DefaultValueFactory = _ => 16,
    };

    public Option<bool> RetryFailed { get; } = new("--retry-failed")
    {
        Description = "On resume: try again the parts that failed before (e.g. after restoring missing archive files) instead of keeping their failures.",
    };

    public Option<string?> Input { get; } = new("--input") { Description = "Directory mode: folder of images (synth output, VIEW=SERIAL.png, or any images for a one-view program)." };

    public Option<string?> Out { get; } = new("--out") { Description = "Directory mode: folder for one <serial>.json verdict per part." };

    public IEnumerable<Option> All =>
        [Data, RunId, From, To, PartNumber, Verdict, Disposition, Ids, Models, Part, Parts, Report, Parallel, BaselineImages, RetryFailed, Input, Out];
}

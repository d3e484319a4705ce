using System.Globalization;

namespace CastInspect.Server.Reprocessing;

/// <summary>
/// Shows a run's progress: on a terminal one bar redrawn in place (at most 10 times a second) with rate and ETA;
/// otherwise (redirected to a file or pipe) a plain line every <see cref="LineInterval"/> and at the end.
/// Thread-safe: parallel workers report into it.
/// </summary>
public sealed class ConsoleProgress(TextWriter writer, bool terminal) : IProgress<ReprocessProgress>
{
    private const int BarWidth = 30;
    private readonly Lock gate = new();
    private DateTime lastWrite = DateTime.MinValue;
    private bool barDrawn;

    /// <summary>Interval between plain progress lines. Default 2 s.</summary>
    public TimeSpan LineInterval { get; init; } = TimeSpan.FromSeconds(2);

    public void Report(ReprocessProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            var now = DateTime.UtcNow;
            var last = value.Done >= value.Total;
            var interval = terminal ? TimeSpan.FromMilliseconds(100) : LineInterval;
            if (!last && now - lastWrite < interval)
            {
                return;
            }

            lastWrite = now;
            if (terminal)
            {
                writer.Write("\r" + Bar(value) + (last ? Environment.NewLine : string.Empty));
                barDrawn = !last;
            }
            else
            {
                writer.WriteLine("reprocess: " + Line(value));
            }

            writer.Flush();
        }
    }

    /// <summary>Ends a bar left on screen (after an interruption) so later output starts on a new line.</summary>
    public void Complete()
    {
        lock (gate)
        {
            if (barDrawn)
            {
                writer.WriteLine();
                barDrawn = false;
            }
        }
    }

    internal static string Bar(ReprocessProgress p)
    {
        var fraction = p.Total == 0 ? 1 : Math.Clamp(p.Done / (double)p.Total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        return "[" + new string('#', filled) + new string('.', BarWidth - filled) + "] " + Line(p);
    }

    internal static string Line(ReprocessProgress p)
    {
        var fraction = p.Total == 0 ? 1 : p.Done / (double)p.Total;
        var eta = p.Eta is { } e ? Duration(e) : "--:--";
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.Done}/{p.Total} parts ({fraction:P0}), {p.ImagesPerSecond:F1} images/s, {p.PartsPerSecond:F2} parts/s, ETA {eta}");
    }

    internal static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes:D2}:{t.Seconds:D2}");
}

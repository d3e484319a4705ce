using System.Globalization;

namespace CastInspect.Cli.Benchmarks;

/// <summary>
/// Samples this process's working set every 100 ms and keeps the peak of each quarter of the parts, so growth that
/// does not level off (a leak) shows as rising quarter peaks, while a working set that settles shows as flat ones.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private readonly long[] _quarterPeaks = new long[4];
    private int _quarter;

    public MemorySampler()
    {
        StartMb = Mb(Environment.WorkingSet);
        _timer = new Timer(_ => Sample(), null, 0, 100);
    }

    public double StartMb { get; }

    public double EndMb => Mb(Environment.WorkingSet);

    public double PeakMb => Mb(_quarterPeaks.Max());

    /// <summary>Peak working set in MB within each quarter of the parts, in order.</summary>
    public IReadOnlyList<double> QuarterPeaksMb => _quarterPeaks.Select(Mb).ToList();

    /// <summary>Called as part <paramref name="n"/> (0-based) of <paramref name="total"/> finishes.</summary>
    public void MarkPart(int n, int total)
    {
        var quarter = Math.Min(3, (n + 1) * 4 / Math.Max(total, 1));
        int seen;
        while (quarter > (seen = Volatile.Read(ref _quarter)) && Interlocked.CompareExchange(ref _quarter, quarter, seen) != seen)
        {
        }
    }

    /// <summary>"start S MB, peak per quarter of the parts A / B / C / D MB, end E MB".</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"start {StartMb:F0} MB, peak per quarter of the parts {string.Join(" / ", QuarterPeaksMb.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))} MB, end {EndMb:F0} MB");

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = Environment.WorkingSet;
        var q = Volatile.Read(ref _quarter);
        long seen;
        while (now > (seen = Interlocked.Read(ref _quarterPeaks[q])) && Interlocked.CompareExchange(ref _quarterPeaks[q], now, seen) != seen)
        {
        }
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}

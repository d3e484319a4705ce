namespace CastInspect.Cli.Benchmarks;

/// <summary>Samples this process's working set every 100 ms.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;
    private long _quarter;

    public MemorySampler()
    {
        StartMb = Mb(Environment.WorkingSet);
        _timer = new Timer(_ => Sample(), null, 0, 100);
    }

    public double StartMb { get; }

    public double QuarterMb => Mb(Interlocked.Read(ref _quarter));

    public double EndMb => Mb(Environment.WorkingSet);

    public double PeakMb => Mb(Interlocked.Read(ref _peak));

    public void MarkPart(int n, int total)
    {
        if (n == total / 4)
        {
            Interlocked.Exchange(ref _quarter, Environment.WorkingSet);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}

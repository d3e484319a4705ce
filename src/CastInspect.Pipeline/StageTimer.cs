using System.Diagnostics;

namespace CastInspect.Pipeline;

/// <summary>Milliseconds per pipeline stage of one view, plus "total"; a stage timed in several steps adds them up.</summary>
internal sealed class StageTimer
{
    private readonly Dictionary<string, double> timings = [];
    private readonly Stopwatch total = Stopwatch.StartNew();

    public T Time<T>(string stage, Func<T> work)
    {
        var sw = Stopwatch.StartNew();
        var result = work();
        timings[stage] = timings.GetValueOrDefault(stage) + sw.Elapsed.TotalMilliseconds;
        return result;
    }

    public void Time(string stage, Action work) => Time(stage, () =>
    {
        work();
        return true;
    });

    public IReadOnlyDictionary<string, double> Finish()
    {
        timings["total"] = total.Elapsed.TotalMilliseconds;
        return timings;
    }
}

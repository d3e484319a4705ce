namespace CastInspect.Pipeline.Views;

/// <summary>
/// Loads a native object (Mat, calibration) once per key and keeps it until disposed. Thread-safe; a load that throws
/// is not cached, so a fixed file is picked up on the next part.
/// </summary>
internal sealed class NativeCache<T> : IDisposable
    where T : class, IDisposable
{
    private readonly Dictionary<string, T?> items = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private bool disposed;

    public T? GetOrLoad(string key, Func<T?> load)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!items.TryGetValue(key, out var item))
            {
                item = load();
                items[key] = item;
            }

            return item;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var item in items.Values)
            {
                item?.Dispose();
            }

            items.Clear();
        }
    }
}

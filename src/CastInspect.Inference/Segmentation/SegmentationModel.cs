using System.Collections.Concurrent;
using CastInspect.Inference.Manifest;
using CastInspect.Inference.SecondLook;
using Microsoft.ML.OnnxRuntime;

namespace CastInspect.Inference.Segmentation;

/// <summary>
/// One shipped model with its single shared <see cref="InferenceSession"/> (Run is thread-safe): cuts a normalised image
/// into overlapping tiles, runs them in batches through reused pinned buffers, and stitches class probabilities back.
/// </summary>
public sealed class SegmentationModel : IDisposable
{
    private const int Classes = SegmentationMaps.Classes;
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly string[] inputNames;
    private readonly string[] outputNames;
    private readonly ConcurrentDictionary<int, ConcurrentBag<TileBatchBuffers>> pool = new();
    private readonly ConcurrentBag<TileBatchBuffers> allBuffers = [];
    private readonly SemaphoreSlim runSlots;
    private readonly List<SecondLookModel> secondLooks = [];
    private int buffersCreated;

    internal SegmentationModel(ModelEntry entry, InferenceSession session, int batchSize, int maxConcurrentRuns = 1)
    {
        MaxConcurrentRuns = Math.Max(1, maxConcurrentRuns);
        runSlots = new SemaphoreSlim(MaxConcurrentRuns, MaxConcurrentRuns);
        Entry = entry;
        this.session = session;
        BatchSize = Math.Max(1, batchSize);
        inputNames = [entry.Input.Name];
        outputNames = [entry.Output.Name];
    }

    public ModelEntry Entry { get; }

    /// <summary>The classifiers that look again at each component of their class this model finds (the manifest's
    /// <c>second_looks</c>, at most one per class), owned by this model; empty = none.</summary>
    public IReadOnlyList<SecondLookModel> SecondLooks => secondLooks;

    public string Name => Entry.Name;

    public string Version => Entry.Version;

    public int TileSize => Entry.Tile.Size;

    public int BatchSize { get; }

    /// <summary>Run calls allowed in flight at once; callers beyond it wait (see <see cref="InferenceOptions.MaxConcurrentRuns"/>).</summary>
    public int MaxConcurrentRuns { get; }

    /// <summary>Buffer sets created so far; stays constant once every batch size in use has been seen.</summary>
    internal int BuffersCreated => Volatile.Read(ref buffersCreated);

    /// <summary>Class probabilities for an image already normalised to [0, 1] (row-major, width × height).</summary>
    public SegmentationMaps Predict(ReadOnlySpan<float> image, int width, int height, CancellationToken cancellationToken = default)
    {
        if (width <= 0 || height <= 0 || image.Length != width * height)
        {
            throw new ArgumentException($"image must hold width × height = {width} × {height} values, got {image.Length}", nameof(image));
        }

        var tile = TileSize;
        var xs = TileLayout.For(width, tile, Entry.Tile.Overlap);
        var ys = TileLayout.For(height, tile, Entry.Tile.Overlap);
        var probabilities = new float[Classes * width * height];
        var total = xs.Starts.Length * ys.Starts.Length;
        for (var first = 0; first < total; first += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, total - first);
            var buffers = Rent(count);
            try
            {
                for (var k = 0; k < count; k++)
                {
                    var (tx, ty) = ((first + k) % xs.Starts.Length, (first + k) / xs.Starts.Length);
                    FillTile(image, width, height, xs.Starts[tx], ys.Starts[ty], buffers.Input.AsSpan(k * tile * tile, tile * tile));
                }

                Run(buffers, cancellationToken);
                for (var k = 0; k < count; k++)
                {
                    var (tx, ty) = ((first + k) % xs.Starts.Length, (first + k) / xs.Starts.Length);
                    Stitch(buffers.Output, k, xs, ys, tx, ty, width, height, probabilities);
                }
            }
            finally
            {
                Return(buffers);
            }
        }

        return new SegmentationMaps(width, height, probabilities);
    }

    /// <summary>Runs one batch of already-cut tiles straight through ONNX Runtime (the raw figure for benchmarks).</summary>
    public void RunTiles(int count)
    {
        var buffers = Rent(Math.Clamp(count, 1, BatchSize));
        try
        {
            Run(buffers, CancellationToken.None);
        }
        finally
        {
            Return(buffers);
        }
    }

    internal void AddSecondLook(SecondLookModel look) => secondLooks.Add(look);

    public void Dispose()
    {
        foreach (var b in allBuffers)
        {
            b.Dispose();
        }

        runOptions.Dispose();
        session.Dispose();
        runSlots.Dispose();
        foreach (var look in secondLooks)
        {
            look.Dispose();
        }
    }

    private void Run(TileBatchBuffers buffers, CancellationToken cancellationToken)
    {
        runSlots.Wait(cancellationToken);
        try
        {
            session.Run(runOptions, inputNames, buffers.Inputs, outputNames, buffers.Outputs);
        }
        finally
        {
            runSlots.Release();
        }
    }

    private void FillTile(ReadOnlySpan<float> image, int width, int height, int x0, int y0, Span<float> dst)
    {
        var tile = TileSize;
        for (var y = 0; y < tile; y++)
        {
            var sy = Math.Min(y0 + y, height - 1);
            var row = image.Slice(sy * width, width);
            var n = Math.Min(tile, width - x0);
            row.Slice(x0, n).CopyTo(dst.Slice(y * tile, n));
            if (n < tile)
            {
                dst.Slice((y * tile) + n, tile - n).Fill(row[width - 1]);
            }
        }
    }

    private void Stitch(float[] output, int k, TileLayout xs, TileLayout ys, int tx, int ty, int width, int height, float[] probabilities)
    {
        var tile = TileSize;
        var plane = tile * tile;
        var x0 = xs.Starts[tx];
        var y0 = ys.Starts[ty];
        var from = xs.KeepFrom[tx];
        var n = xs.KeepTo[tx] - from;
        for (var c = 0; c < Classes; c++)
        {
            var src = output.AsSpan(((k * Classes) + c) * plane, plane);
            var dst = probabilities.AsSpan(c * width * height, width * height);
            for (var y = ys.KeepFrom[ty]; y < ys.KeepTo[ty]; y++)
            {
                src.Slice(((y - y0) * tile) + (from - x0), n).CopyTo(dst.Slice((y * width) + from, n));
            }
        }
    }

    private TileBatchBuffers Rent(int count)
    {
        var bag = pool.GetOrAdd(count, _ => []);
        if (bag.TryTake(out var buffers))
        {
            return buffers;
        }

        Interlocked.Increment(ref buffersCreated);
        var created = new TileBatchBuffers(count, TileSize, Classes);
        allBuffers.Add(created);
        return created;
    }

    private void Return(TileBatchBuffers buffers) => pool[buffers.Count].Add(buffers);
}

using System.Diagnostics;
using CastInspect.Core.Parts;
using CastInspect.Inference;
using CastInspect.Inference.Segmentation;

namespace CastInspect.Server.Reprocessing;

/// <summary>An image to time raw inference on: its modality (which model) and size (how many tiles).</summary>
public sealed record ImageShape(Modality Modality, int WidthPx, int HeightPx);

/// <summary>
/// The rate the models alone reach on this machine: the same tiles the pipeline would cut from the given images, run
/// straight through ONNX Runtime in the same batch size (<see cref="SegmentationModel.RunTiles"/>) with the same
/// parallelism as the run, nothing else (no decode, normalisation, extraction, judging or store).
/// </summary>
public static class RawInferenceBaseline
{
    /// <summary>Images per second of raw inference over <paramref name="images"/>, after one warm-up image per model.</summary>
    public static double ImagesPerSecond(ModelCatalog models, IReadOnlyList<ImageShape> images, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            return 0;
        }

        foreach (var first in images.GroupBy(i => i.Modality).Select(g => g.First()))
        {
            Run(models, first);
        }

        var clock = Stopwatch.StartNew();
        Parallel.ForEach(
            images,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            image => Run(models, image));
        return images.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Tiles the pipeline cuts from an image of this size (overlapping tiles along each axis).</summary>
    public static int TileCount(SegmentationModel model, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Along(width, model.TileSize, model.Entry.Tile.Overlap) * Along(height, model.TileSize, model.Entry.Tile.Overlap);
    }

    private static int Along(int length, int tile, int overlap) =>
        length <= tile ? 1 : (int)Math.Ceiling((length - tile) / (double)(tile - overlap)) + 1;

    /// <summary>Milliseconds of one pass over <paramref name="images"/>, one after another, no warm-up.</summary>
    public static double PassMs(ModelCatalog models, IEnumerable<ImageShape> images)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(images);
        var clock = Stopwatch.StartNew();
        foreach (var image in images)
        {
            Run(models, image);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Run(ModelCatalog models, ImageShape image)
    {
#pragma warning disable IDISP001 // the catalog owns its models
        var model = models.For(image.Modality);
#pragma warning restore IDISP001
        var tiles = TileCount(model, image.WidthPx, image.HeightPx);
        for (var first = 0; first < tiles; first += model.BatchSize)
        {
            model.RunTiles(Math.Min(model.BatchSize, tiles - first));
        }
    }
}

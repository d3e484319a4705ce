using CastInspect.Core.Parts;
using CastInspect.Imaging.Preprocessing;
using CastInspect.Inference.Segmentation;
using CastInspect.Tests.Shared;
using OpenCvSharp;

namespace CastInspect.Inference.Tests.Segmentation;

public sealed class SegmentationModelTests : IDisposable
{
    private readonly ModelCatalog catalog = ModelCatalog.Load(
        RepoPaths.Models, new InferenceOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1, BatchSize = 2 });

    public void Dispose() => catalog.Dispose();

    /// <summary>A flat casting wall with mild noise and one round pore of <paramref name="radius"/> px.</summary>
    internal static float[] WallWithPore(int width, int height, int cx, int cy, double radius, float contrast)
    {
        var rng = new Random(5);
        var image = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = 0.45f + (0.1f * x / width) + (float)((rng.NextDouble() - 0.5) * 0.04);
                var d2 = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy));
                if (d2 <= radius * radius)
                {
                    v += contrast;
                }

                image[(y * width) + x] = v;
            }
        }

        return image;
    }

    [Fact]
    public void Predict_HeldOutRadiographWithPore_MarksPorosityAtThePoreOnly()
    {
        var model = catalog.For(Modality.Xray);
        using var raw = Cv2.ImRead(HeldOutRadiograph.Path, ImreadModes.Unchanged);
        using var prepared = Preprocessor.Prepare(raw, Modality.Xray, model.Entry.InputNormalisation);

        var maps = model.Predict(prepared.AsSpan<float>(), raw.Cols, raw.Rows);

        var porosity = maps.Channel(1);
        var (cx, cy) = ((int)Math.Round(HeldOutRadiograph.PoreX), (int)Math.Round(HeldOutRadiograph.PoreY));
        Assert.True(porosity[(cy * raw.Cols) + cx] >= model.Entry.Thresholds.Porosity, $"pore centre probability {porosity[(cy * raw.Cols) + cx]}");
        var elsewhere = 0f;
        for (var i = 0; i < porosity.Length; i++)
        {
            if (Math.Abs((i % raw.Cols) - cx) > 15 || Math.Abs((i / raw.Cols) - cy) > 15)
            {
                elsewhere = Math.Max(elsewhere, porosity[i]);
            }
        }

        Assert.True(elsewhere < model.Entry.Thresholds.Porosity, $"highest porosity probability away from the pore {elsewhere}");
    }

    [Fact]
    public async Task Predict_FourCallersAtOnceWithOneRunSlot_AllFinishWithTheSameMapsAsAlone()
    {
        var model = catalog.For(Modality.Xray);
        Assert.Equal(1, model.MaxConcurrentRuns);
        var image = WallWithPore(400, 300, 200, 150, 3, XrayPoreContrast);
        var alone = model.Predict(image, 400, 300).Probabilities.ToArray();

        var together = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => model.Predict(image, 400, 300).Probabilities.ToArray())));

        Assert.All(together, maps => Assert.Equal(alone, maps));
    }

    [Fact]
    public void Predict_SameSizeTwice_ReusesBuffersAndGivesIdenticalMaps()
    {
        var model = catalog.For(Modality.Xray);
        var image = WallWithPore(520, 300, 400, 150, 3, XrayPoreContrast);
        var first = model.Predict(image, 520, 300).Probabilities.ToArray();
        var created = model.BuffersCreated;

        var second = model.Predict(image, 520, 300).Probabilities.ToArray();

        Assert.Equal(created, model.BuffersCreated);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Predict_WrongLength_ThrowsNamingTheSize()
    {
        var model = catalog.For(Modality.Xray);
        var ex = Assert.Throws<ArgumentException>(() => model.Predict(new float[10], 4, 4));
        Assert.Contains("4 × 4", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Pores in X-ray views transmit more (less metal): brighter in the synth convention.</summary>
    internal const float XrayPoreContrast = 0.25f;
}

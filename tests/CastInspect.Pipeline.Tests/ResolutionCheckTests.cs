using CastInspect.Core.Parts;
using CastInspect.Inference.Manifest;
using CastInspect.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace CastInspect.Pipeline.Tests;

public sealed class ResolutionCheckTests
{
    [Fact]
    public void Warn_SampleUnderbodyWithTheShippedModels_WarnsOncePerSurfaceZoneJudgingPoresUnderTheFloorAndNeverForXray()
    {
        var program = PartProgramLoader.Load(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        var manifest = ModelManifest.Load(Path.Combine(Repository.Models, ModelManifest.FileName));
        var logger = new RecordingLogger();

        var count = ResolutionCheck.Warn(logger, [program], manifest.Models);

        Assert.Equal((3, 3), (count, logger.Warnings.Count));
        Assert.All(logger.Warnings, w => Assert.Contains(" view SF-", w, StringComparison.Ordinal));
        Assert.Equal(["MF-1", "SB-2", "SL-1"], program.Views.SelectMany(v => v.Zones).Select(z => z.Id).Where(id => logger.Warnings.Any(w => w.Contains($"zone {id} ", StringComparison.Ordinal))).Order());
        Assert.Contains(logger.Warnings, w => w.Contains("zone SL-1 \"sealing land\" judges pores from Ø 0.2 mm", StringComparison.Ordinal));
    }

    [Fact]
    public void PorosityNoiseFloorsPx_ManifestWithoutAFloor_UsesTheExtractorsLeastComponent()
    {
        var manifest = ModelManifest.Load(Path.Combine(Repository.Models, ModelManifest.FileName));
        var unfloored = manifest.Models.Select(m => m with { MinAreaPx = null });

        var floors = ResolutionCheck.PorosityNoiseFloorsPx(unfloored);

        Assert.Equal(Imaging.Measurement.DefectExtractionOptions.Default.MinAreaPx, floors[Modality.Surface]);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}

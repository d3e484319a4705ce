using System.Text.Json.Nodes;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Synthesis;
using CastInspect.Inference;
using CastInspect.Inference.Manifest;
using CastInspect.Pipeline.Evaluation;
using CastInspect.Tests.Shared;

namespace CastInspect.Pipeline.Tests.Evaluation;

public sealed class ThresholdTunerTests : IDisposable
{
    private static readonly InferenceOptions Cpu = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };
    private readonly string folder = Directory.CreateTempSubdirectory("castinspect-tune-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void OperatingPoints_SpeckBesideTwoTruePores_PicksTheFloorThatDropsTheSpeckAtFullRecall()
    {
        TunedComponent[] components =
        [
            new(DefectClass.Porosity, 0.5f, 40, true, true, ["a"]),
            new(DefectClass.Porosity, 0.5f, 12, false, true, ["b"]),
            new(DefectClass.Porosity, 0.5f, 2, false, false, []),
            new(DefectClass.Porosity, 0.9f, 30, true, true, ["a"]),
        ];

        var points = ThresholdTuner.OperatingPoints(components, counted: 2, TuneObjective.Default);

        var best = points[0];
        Assert.Equal((0.5f, 3, 1.0, 1.0), (best.Threshold, best.MinAreaPx, best.Recall, best.Precision));
        var speckKept = points.Single(p => p.Threshold == 0.5f && p.MinAreaPx == 2 && p.GrowThreshold is null);
        Assert.Equal((2.0 / 3, 3, 1.0, 1), (speckKept.Precision, speckKept.Detections, speckKept.JudgedPrecision, speckKept.Judged));
        var strict = points.Single(p => p.Threshold == 0.9f && p.MinAreaPx == 1 && p.GrowThreshold is null);
        Assert.Equal(0.5, strict.Recall);
        var nothingKept = points.Single(p => p.Threshold == 0.9f && p.MinAreaPx == 32 && p.GrowThreshold is null);
        Assert.Equal((0, (double?)null, (double?)null), (nothingKept.Detections, nothingKept.Precision, nothingKept.JudgedPrecision));
    }

    [Fact]
    public void OperatingPoints_NoPointReachesThePrecision_RanksByF1()
    {
        TunedComponent[] components =
        [
            new(DefectClass.ColdShut, 0.5f, 100, true, true, ["a"]),
            new(DefectClass.ColdShut, 0.5f, 100, true, false, []),
        ];

        var best = ThresholdTuner.OperatingPoints(components, counted: 1, TuneObjective.Default)[0];

        Assert.False(TuneObjective.Default.Meets(best));
        Assert.Equal((1.0, 0.5), (best.Recall, best.Precision));
    }

    [Fact]
    public void Meets_PrecisionJustAboveTheBoundWithConfidence_FailsWhereAWiderMarginPasses()
    {
        var atTheBound = new OperatingPoint(0.97f, 8, 0.966, 420 / 460.0, 336, 460, 0.92, 273);
        var withMargin = new OperatingPoint(0.1f, 32, 0.971, 362 / 377.0, 338, 377, 0.98, 224);
        var confident = TuneObjective.Default with { PrecisionConfidence = 0.95 };

        Assert.True(TuneObjective.Default.Meets(atTheBound));
        Assert.False(confident.Meets(atTheBound));
        Assert.True(confident.Meets(withMargin));
    }

    [Fact]
    public void OperatingPoints_FalseSeamsOnTwoDefectFreeParts_PicksTheLowerRecallThatFailsNone()
    {
        TunedComponent[] components =
        [
            .. Enumerable.Range(0, 9).Select(i => new TunedComponent(DefectClass.ColdShut, 0.5f, 400, true, true, [$"lap{i}"]) { Peak = 0.99f }),
            new(DefectClass.ColdShut, 0.5f, 100, true, true, ["faint lap"]) { Peak = 0.6f },
            new(DefectClass.ColdShut, 0.5f, 100, true, false, []) { Peak = 0.6f, FailsAloneOn = "clean-1", OnDefectFreePart = true },
        ];

        var points = ThresholdTuner.OperatingPoints(components, counted: 10, TuneObjective.Default, defectFreeParts: 40);

        var best = points[0];
        Assert.Equal((0.9, 1.0, 0, 0.0), (best.Recall, best.Precision, best.FalseCalls, best.FalseCallRate));
        var everyLap = points.Single(p => p.Threshold == 0.5f && p.MinAreaPx == 1 && p.GrowThreshold is null && p.MinAspectRatio is null);
        Assert.Equal((1.0, 10 / 11.0, 1, 40), (everyLap.Recall, everyLap.Precision, everyLap.FalseCalls, everyLap.DefectFreeParts));
        Assert.False(TuneObjective.Default.Meets(everyLap));
        Assert.True(TuneObjective.Default with { MaxFalseCallRate = 0.05 } is var lenient && lenient.Meets(everyLap));
    }

    [Fact]
    public void OperatingPoints_SeamFoundInFragmentsAtTheSeed_PicksTheGrowThresholdThatJoinsThem()
    {
        TunedComponent[] components =
        [
            new(DefectClass.ColdShut, 0.98f, 30, true, true, ["a"]) { Peak = 0.985f },
            new(DefectClass.ColdShut, 0.98f, 30, true, true, ["a"]) { Peak = 0.985f },
            new(DefectClass.ColdShut, 0.98f, 40, true, false, []) { Peak = 0.985f },
            new(DefectClass.ColdShut, 0.5f, 200, true, true, ["a"]) { Peak = 0.985f },
            new(DefectClass.ColdShut, 0.5f, 40, true, false, []) { Peak = 0.985f },
            new(DefectClass.ColdShut, 0.5f, 300, true, false, []) { Peak = 0.7f },
        ];

        var points = ThresholdTuner.OperatingPoints(components, counted: 1, TuneObjective.Default);

        var best = points[0];
        Assert.Equal((0.98f, (float?)0.5f, 48, 1.0, 1.0), (best.Threshold, best.GrowThreshold, best.MinAreaPx, best.Recall, best.Precision));
        var atSeedAlone = points.Single(p => p.Threshold == 0.98f && p.GrowThreshold is null && p.MinAreaPx == 48);
        Assert.Equal(0.0, atSeedAlone.Recall);
        var seedBelowTheFalsePeak = points.Single(p => p.Threshold == 0.7f && p.GrowThreshold == 0.5f && p.MinAreaPx == 48);
        Assert.Equal(0.5, seedBelowTheFalsePeak.Precision);
    }

    [Fact]
    public void OperatingPoints_RingsMarkedAsSeams_PicksTheLeastAspectRatioThatDropsThem()
    {
        TunedComponent[] components =
        [
            new(DefectClass.ColdShut, 0.5f, 300, true, true, ["a"]) { Peak = 0.99f, AspectRatio = 10 },
            new(DefectClass.ColdShut, 0.5f, 400, true, false, []) { Peak = 0.99f, AspectRatio = 1.1 },
            new(DefectClass.ColdShut, 0.5f, 450, true, false, []) { Peak = 0.99f, AspectRatio = 2.5 },
        ];

        var points = ThresholdTuner.OperatingPoints(components, counted: 1, TuneObjective.Default, byShape: true);

        var best = points[0];
        Assert.Equal(((double?)3, 1.0, 1.0), (best.MinAspectRatio, best.Recall, best.Precision));
        var unscreened = points.Single(p => p.Threshold == 0.5f && p.GrowThreshold is null && p.MinAspectRatio is null && p.LinkDistanceMm is null && p.MinAreaPx == best.MinAreaPx);
        Assert.Equal(1.0 / 3, unscreened.Precision);
        Assert.DoesNotContain(ThresholdTuner.OperatingPoints(components, counted: 1, TuneObjective.Default), p => p.MinAspectRatio is not null);
    }

    [Fact]
    public void OperatingPoints_SeamFoundInPiecesUnderTheFloor_PicksTheLinkDistanceThatJoinsThem()
    {
        TunedComponent[] components =
        [
            new(DefectClass.ColdShut, 0.5f, 200, true, true, ["a"]) { Peak = 0.99f, AspectRatio = 10 },
            new(DefectClass.ColdShut, 0.5f, 150, true, true, ["a"]) { Peak = 0.99f, AspectRatio = 10 },
            new(DefectClass.ColdShut, 0.5f, 300, true, false, []) { Peak = 0.99f, AspectRatio = 10 },
            new(DefectClass.ColdShut, 0.5f, 350, true, true, ["a"]) { Peak = 0.99f, AspectRatio = 20, LinkDistanceMm = 2 },
            new(DefectClass.ColdShut, 0.5f, 250, true, false, []) { Peak = 0.99f, AspectRatio = 10, LinkDistanceMm = 2 },
        ];

        var points = ThresholdTuner.OperatingPoints(components, counted: 1, TuneObjective.Default, byShape: true, linkDistancesMm: [1, 2]);

        var best = points[0];
        Assert.Equal(((double?)2, 1.0, 1.0, 256), (best.LinkDistanceMm, best.Recall, best.Precision, best.MinAreaPx));
        Assert.DoesNotContain(points, p => p.LinkDistanceMm is null && p.Recall == 1.0 && p.Precision == 1.0);
        Assert.DoesNotContain(ThresholdTuner.OperatingPoints(components, counted: 1, TuneObjective.Default, byShape: true), p => p.LinkDistanceMm is not null);
    }

    [Fact]
    public void OperatingPoints_DustSpecksTheSecondLookDoubts_PicksTheLeastScoreThatDropsThemAtALowFloor()
    {
        TunedComponent[] components =
        [
            new(DefectClass.Porosity, 0.9f, 30, true, true, ["small"]) { Peak = 0.99f, SecondLookScore = 0.8 },
            new(DefectClass.Porosity, 0.9f, 90, true, true, ["large"]) { Peak = 0.99f, SecondLookScore = 0.99 },
            new(DefectClass.Porosity, 0.9f, 35, true, false, []) { Peak = 0.99f, SecondLookScore = 0.04 },
            new(DefectClass.Porosity, 0.9f, 40, true, false, []) { Peak = 0.99f, SecondLookScore = 0.15 },
        ];

        var points = ThresholdTuner.OperatingPoints(components, counted: 2, TuneObjective.Default);

        var best = points[0];
        Assert.Equal(((double?)0.2, 1.0, 1.0, 1), (best.MinSecondLookScore, best.Recall, best.Precision, best.MinAreaPx));
        var unlooked = points.Where(p => p.MinSecondLookScore is null && p.Precision >= 0.9).MaxBy(p => p.Recall)!;
        Assert.Equal(0.5, unlooked.Recall);
        Assert.DoesNotContain(ThresholdTuner.OperatingPoints(components.Select(c => c with { SecondLookScore = null }).ToList(), counted: 2, TuneObjective.Default),
            p => p.MinSecondLookScore is not null);
    }

    [Fact]
    public async Task TuneAsync_WrittenToTheManifest_EvalMeasuresTheSamePoreRecall()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        var data = Path.Combine(folder, "val");
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 4, Seed = 31, DefectRate = 0.5, Modality = SynthModality.Xray }).Write(data);
        var models = Repository.CopyModels(Path.Combine(folder, "models"));

        TuneReport report;
        using (var catalog = ModelCatalog.Load(models, Cpu))
        using (var inspector = new PartInspector(catalog))
        {
            report = await ThresholdTuner.TuneAsync(inspector, program, [data], Modality.Xray, TuneObjective.Default, null, null, CancellationToken.None);
        }

        var (pores, seams) = (report.For("porosity").Chosen, report.For("cold_shut").Chosen);
        var measuring = new ClassMeasuringLevels(report.For("porosity").MeasureAtPeakFraction);
        OperatingPointWriter.Write(
            models, report.Model, new ClassThresholds(pores.Threshold, seams.Threshold), new ClassMinAreas(pores.MinAreaPx, seams.MinAreaPx), [], measuring,
            new ClassGrowThresholds(pores.GrowThreshold, seams.GrowThreshold));
        using var tuned = ModelCatalog.Load(models, Cpu);
        using var tunedInspector = new PartInspector(tuned);
        var eval = await SynthEvaluator.EvaluateAsync(tunedInspector, program, data, null, null, CancellationToken.None);

        Assert.Equal(("xray-seg", 12, SyntheticDataset.GeneratorVersion), (report.Model, report.Views, report.GeneratorVersion));
        Assert.Equal((2, 2, 2), (eval.DefectFreeParts, pores.DefectFreeParts, seams.DefectFreeParts));
        Assert.InRange(Math.Max(pores.FalseCalls, seams.FalseCalls), 0, eval.FalseCalls.Count);
        Assert.Equal(eval.PoresHalfMmAndLarger, report.For("porosity").Counted);
        Assert.True(report.For("porosity").Counted > 0);
        Assert.Equal(eval.PoreRecallHalfMmAndLarger, pores.Recall, 9);
        Assert.Equal(eval.MedianPoreDiameterErrorMm, report.For("porosity").Measuring[0].MedianDiameterErrorMm, 9);
        Assert.Equal(ThresholdTuner.MeasureFractions.Count, report.For("porosity").Measuring.Count);
    }

    [Fact]
    public async Task TuneAsync_TwoSetsOfDifferentSeeds_CountsTheDefectsAndDefectFreePartsOfBoth()
    {
        var (program, sets) = SynthSets.WriteXray(folder, 2, 0.5, 41, 42);
        var (first, second) = (sets[0], sets[1]);
        using var catalog = ModelCatalog.Load(Repository.Models, Cpu);
        using var inspector = new PartInspector(catalog);
        Task<TuneReport> Tune(params string[] sets) => ThresholdTuner.TuneAsync(inspector, program, sets, Modality.Xray, TuneObjective.Default, null, null, CancellationToken.None);

        var (alone, other, both) = (await Tune(first), await Tune(second), await Tune(first, second));

        Assert.Equal([41UL, 42UL], both.Seeds);
        Assert.Equal(alone.Views + other.Views, both.Views);
        foreach (var c in new[] { "porosity", "cold_shut" })
        {
            Assert.Equal(alone.For(c).Counted + other.For(c).Counted, both.For(c).Counted);
            Assert.Equal(alone.For(c).Chosen.DefectFreeParts + other.For(c).Chosen.DefectFreeParts, both.For(c).Chosen.DefectFreeParts);
        }

        Assert.True(both.For("porosity").Counted > alone.For("porosity").Counted);
    }

    [Fact]
    public async Task TuneAsync_TwoSetsOfOneSeed_ThrowsSayingTheSameParts()
    {
        var (program, sets) = SynthSets.WriteXray(folder, 1, 0.5, 43, 43);
        var (first, copy) = (sets[0], sets[1]);
        using var catalog = ModelCatalog.Load(Repository.Models, Cpu);
        using var inspector = new PartInspector(catalog);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ThresholdTuner.TuneAsync(inspector, program, [first, copy], Modality.Xray, TuneObjective.Default, null, null, CancellationToken.None));

        Assert.Contains("both seed 43", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasuringPoints_LevelThatDrawsPoresTrueToSize_ComesFirst()
    {
        var diameters = new Dictionary<string, double> { ["a"] = 1.0, ["b"] = 0.6 };
        TunedComponent Pore(double? f, double diameterMm, string key) =>
            new(DefectClass.Porosity, 0.4f, 30, true, true, [key]) { MeasureFraction = f, DiameterMm = diameterMm, Overlap = new Dictionary<string, int> { [key] = 20 } };
        var components = ThresholdTuner.MeasureFractions
            .SelectMany(f => new[] { Pore(f, f is null ? 1.4 : 1.0 + Math.Abs(0.8 - f.Value), "a"), Pore(f, f is null ? 0.9 : 0.6 + Math.Abs(0.8 - f.Value), "b") })
            .ToList();

        var levels = ThresholdTuner.MeasuringPoints(components, 0.4f, null, 8, counted: 2, diameters);

        Assert.Equal(0.8, levels[0].Fraction);
        Assert.Equal(0.0, levels[0].MedianDiameterErrorMm, 9);
        Assert.Equal((2, 1.0), (levels[0].Measured, levels[0].Point.Recall));
        Assert.Null(levels[^1].Fraction);
        Assert.Equal(0.4, levels[^1].MedianDiameterErrorMm, 9);
    }
}

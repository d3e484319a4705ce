using System.Text.Json.Nodes;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Synthesis;
using CastInspect.Inference;
using CastInspect.Inference.Manifest;
using CastInspect.Pipeline.Evaluation;
using CastInspect.Tests.Shared;

namespace CastInspect.Pipeline.Tests.Evaluation;

/// <summary><see cref="ThresholdTuner"/> tuning for parts (<c>tune --for-parts</c>).</summary>
public sealed class ThresholdTunerForPartsTests : IDisposable
{
    private static readonly InferenceOptions Cpu = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };
    private readonly string folder = Directory.CreateTempSubdirectory("castinspect-tune-parts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void OperatingPoints_ForPartsTheExtraLapsFailOnlyPartsPoresFail_PicksThePointThatCatchesAnotherNokPart()
    {
        TunedComponent[] components =
        [
            new(DefectClass.ColdShut, 0.5f, 400, true, true, ["lap-a"]) { Peak = 0.99f, FailsAloneOn = "nok-1" },
            new(DefectClass.ColdShut, 0.5f, 400, true, true, ["lap-b"]) { Peak = 0.99f, FailsAloneOn = "nok-2" },
            new(DefectClass.ColdShut, 0.5f, 400, true, true, ["lap-c"]) { Peak = 0.99f, FailsAloneOn = "nok-3" },
            new(DefectClass.ColdShut, 0.5f, 40, true, true, ["short lap"]) { Peak = 0.99f, FailsAloneOn = "nok-4" },
            new(DefectClass.ColdShut, 0.5f, 300, true, true, ["lap-e"]) { Peak = 0.6f, FailsAloneOn = "nok-1" },
            new(DefectClass.ColdShut, 0.5f, 300, true, true, ["lap-f"]) { Peak = 0.6f, FailsAloneOn = "nok-2" },
            new(DefectClass.ColdShut, 0.5f, 300, true, true, ["lap-g"]) { Peak = 0.6f, FailsAloneOn = "nok-2" },
            new(DefectClass.ColdShut, 0.5f, 50, true, false, []) { Peak = 0.6f },
        ];
        var poresFail = new HashSet<string> { "nok-1", "nok-2" };
        var parts = new JudgedParts(poresFail, new HashSet<string> { "nok-1", "nok-2", "nok-3", "nok-4" }, new HashSet<string> { "clean-1" });

        var forLaps = ThresholdTuner.OperatingPoints(components, counted: 7, TuneObjective.Default, parts: parts)[0];
        var forParts = ThresholdTuner.OperatingPoints(components, counted: 7, TuneObjective.Default with { ForParts = true }, parts: parts)[0];

        Assert.Equal((0.6f, 64, 6), (forLaps.Threshold, forLaps.MinAreaPx, forLaps.Found));
        Assert.Equal(new PartCounts(1, 4, 0, 1), forLaps.Parts);
        Assert.Equal((0.99f, 1, 4), (forParts.Threshold, forParts.MinAreaPx, forParts.Found));
        Assert.Equal(new PartCounts(0, 4, 0, 1), forParts.Parts);
    }

    [Fact]
    public void OperatingPoints_ForPartsTheLapThatCatchesAPartComesWithAFalseCall_KeepsTheFalseCallBound()
    {
        TunedComponent[] components =
        [
            .. Enumerable.Range(0, 20).Select(i => new TunedComponent(DefectClass.ColdShut, 0.5f, 400, true, true, [$"lap{i}"]) { Peak = 0.99f }),
            new(DefectClass.ColdShut, 0.5f, 400, true, true, ["lap-a"]) { Peak = 0.99f, FailsAloneOn = "nok-1" },
            new(DefectClass.ColdShut, 0.5f, 100, true, true, ["faint lap"]) { Peak = 0.6f, FailsAloneOn = "nok-2" },
            new(DefectClass.ColdShut, 0.5f, 100, true, false, []) { Peak = 0.6f, FailsAloneOn = "clean-1", OnDefectFreePart = true },
        ];
        var parts = new JudgedParts(new HashSet<string>(), new HashSet<string> { "nok-1", "nok-2" }, Enumerable.Range(0, 10).Select(i => $"clean-{i}").ToHashSet());

        var best = ThresholdTuner.OperatingPoints(components, counted: 22, TuneObjective.Default with { ForParts = true }, parts: parts)[0];

        Assert.Equal((0.99f, 21), (best.Threshold, best.Found));
        Assert.Equal(new PartCounts(1, 2, 0, 10), best.Parts);
    }

    [Fact]
    public async Task TuneAsync_ForPartsWrittenToTheManifest_EvalPassesTheNokPartsAndFailsTheCleanPartsTheTunerCounted()
    {
        var (program, geometry) = SyntheticDataset.LoadPart(Path.Combine(Repository.SampleParts, "UB-R-1000.json"));
        var data = Path.Combine(folder, "val");
        new SyntheticDataset(program, geometry, new SynthOptions { Count = 6, Seed = 33, DefectRate = 0.7, Modality = SynthModality.Xray }).Write(data);
        ExpectEveryFlawedPartNok(data);
        var models = Repository.CopyModels(Path.Combine(folder, "models"));

        TuneReport report;
        using (var catalog = ModelCatalog.Load(models, Cpu))
        using (var inspector = new PartInspector(catalog))
        {
            var objective = TuneObjective.Default with { ForParts = true };
            report = await ThresholdTuner.TuneAsync(inspector, program, [data], Modality.Xray, objective, null, null, CancellationToken.None);
        }

        var (pores, seams) = (report.For("porosity").Chosen, report.For("cold_shut").Chosen);
        OperatingPointWriter.Write(
            models, report.Model, new ClassThresholds(pores.Threshold, seams.Threshold), new ClassMinAreas(pores.MinAreaPx, seams.MinAreaPx), [],
            new ClassMeasuringLevels(report.For("porosity").MeasureAtPeakFraction), new ClassGrowThresholds(pores.GrowThreshold, seams.GrowThreshold),
            new ClassMinAspectRatios(pores.MinAspectRatio, seams.MinAspectRatio), new ClassLinkDistances(pores.LinkDistanceMm, seams.LinkDistanceMm),
            new ClassSecondLookScores(pores.MinSecondLookScore, seams.MinSecondLookScore));
        using var tuned = ModelCatalog.Load(models, Cpu);
        using var tunedInspector = new PartInspector(tuned);
        var eval = await SynthEvaluator.EvaluateAsync(tunedInspector, program, data, null, null, CancellationToken.None);

        var parts = Assert.IsType<PartCounts>(seams.Parts);
        Assert.Equal(parts, pores.Parts);
        Assert.True(parts.MissedNok > 0, "flawed parts within every limit, now expected NOK, pass");
        Assert.Equal((eval.ExpectedNokParts, eval.MissedNok.Count), (parts.NokParts, parts.MissedNok));
        Assert.Equal((eval.DefectFreeParts, eval.FalseCalls.Count), (parts.DefectFreeParts, parts.FalseCalls));
    }

    [Fact]
    public void ForParts_LevelMeasuringAsWellThatFailsAnotherNokPart_IsChosenAndOneMeasuringWorseIsNot()
    {
        MeasuringPoint Level(double? fraction, double errorMm, int missedNok, int falseCalls) =>
            new(fraction, errorMm, 100, new OperatingPoint(0.9f, 8, 0.96, 0.95, 96, 101, 0.95, 80) { Parts = new PartCounts(missedNok, 40, falseCalls, 50) });

        var chosen = ThresholdTuner.ForParts(
            [Level(0.9, 0.040, 5, 1), Level(0.95, 0.041, 5, 1), Level(0.7, 0.046, 4, 1), Level(0.6, 0.049, 4, 0), Level(null, 0.055, 2, 1)]);
        var tied = ThresholdTuner.ForParts([Level(0.9, 0.040, 5, 1), Level(0.8, 0.042, 5, 1)]);

        Assert.Equal(0.6, chosen.Fraction);
        Assert.Equal(0.9, tied.Fraction);
    }

    /// <summary>Marks every flawed part of the set NOK, also those whose flaws are within every limit: the model and the
    /// rules pass those, so some expected-NOK parts are missed at any point.</summary>
    private static void ExpectEveryFlawedPartNok(string data)
    {
        var path = Path.Combine(data, "dataset.json");
        var index = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var part in index["parts"]!.AsArray())
        {
            if (part!["defective"]!.GetValue<bool>())
            {
                part["expected_verdict"] = "NOK";
            }
        }

        File.WriteAllText(path, index.ToJsonString());
    }
}

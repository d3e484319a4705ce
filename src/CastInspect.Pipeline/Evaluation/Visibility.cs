using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using CastInspect.Imaging.Synthesis;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>Counts recall and missed NOK over the flaws at or above the Rose criterion (<see cref="VisibleFigures"/>).
/// Any flaw or part without a recorded detectability makes the figures unknown rather than wrong.</summary>
internal sealed class Visibility
{
    /// <summary>Lower edges of the d′ bands recall is broken down by. Surface cold laps lie at 7 and far above (synth
    /// generator 5, which counts the face's texture as noise; 20 and above in generator 4, which did not), so the bands go
    /// on doubling up to 160.</summary>
    private static readonly double[] Bands = [0, 3, 5, 8, 12, 20, 40, 80, 160];

    private readonly List<PartOutcome> missedNok = [];
    private readonly int[,] poreBands = new int[Bands.Length, 2];
    private readonly int[,] seamBands = new int[Bands.Length, 2];
    private bool unrecorded;
    private int largePores;
    private int largePoresFound;
    private int largePoresBelow;
    private double largePoresIdealObserver;
    private int coldShuts;
    private int coldShutsFound;
    private int coldShutsBelow;
    private int expectedNok;

    public void Truth(int cls, bool found, bool largePore, double? snr)
    {
        if (snr is not { } d)
        {
            unrecorded = true;
            return;
        }

        var seen = d >= Detectability.RoseCriterion;
        var band = Math.Max(0, Bands.Count(e => d >= e) - 1);
        if (cls == (int)DefectClass.Porosity && largePore)
        {
            poreBands[band, 0]++;
            poreBands[band, 1] += found ? 1 : 0;
            largePores += seen ? 1 : 0;
            largePoresFound += seen && found ? 1 : 0;
            largePoresBelow += seen ? 0 : 1;
            largePoresIdealObserver += Detectability.DetectionProbability(d);
        }
        else if (cls == (int)DefectClass.ColdShut)
        {
            seamBands[band, 0]++;
            seamBands[band, 1] += found ? 1 : 0;
            coldShuts += seen ? 1 : 0;
            coldShutsFound += seen && found ? 1 : 0;
            coldShutsBelow += seen ? 0 : 1;
        }
    }

    public void Part(string serial, string? expectedVisible, PartVerdict judged, IReadOnlyList<string> expectedReasons)
    {
        if (expectedVisible is null)
        {
            unrecorded = true;
            return;
        }

        if (!string.Equals(expectedVisible, "nok", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        expectedNok++;
        if (judged.Verdict == Verdict.Ok)
        {
            missedNok.Add(new PartOutcome(serial, PartOutcome.Text(judged.Verdict), expectedReasons));
        }
    }

    public VisibleFigures? Figures() => unrecorded
        ? null
        : new VisibleFigures(
            Detectability.RoseCriterion, largePores, largePoresFound, largePoresBelow, coldShuts, coldShutsFound, coldShutsBelow, expectedNok, missedNok,
            ByBand(poreBands), ByBand(seamBands), largePoresIdealObserver);

    private static List<DetectabilityBand> ByBand(int[,] counts) =>
        Bands.Select((from, i) => new DetectabilityBand(from, i + 1 < Bands.Length ? Bands[i + 1] : null, counts[i, 0], counts[i, 1])).ToList();
}

using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using CastInspect.Imaging.Synthesis;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>Counts recall and missed NOK over the flaws at or above the Rose criterion (<see cref="VisibleFigures"/>).
/// Any flaw or part without a recorded detectability makes the figures unknown rather than wrong.</summary>
internal sealed class Visibility
{
    private readonly List<PartOutcome> missedNok = [];
    private bool unrecorded;
    private int largePores;
    private int largePoresFound;
    private int largePoresBelow;
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
        if (cls == (int)DefectClass.Porosity && largePore)
        {
            largePores += seen ? 1 : 0;
            largePoresFound += seen && found ? 1 : 0;
            largePoresBelow += seen ? 0 : 1;
        }
        else if (cls == (int)DefectClass.ColdShut)
        {
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
        : new VisibleFigures(Detectability.RoseCriterion, largePores, largePoresFound, largePoresBelow, coldShuts, coldShutsFound, coldShutsBelow, expectedNok, missedNok);
}

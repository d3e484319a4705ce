namespace CastInspect.Storage.Viewer;

/// <summary>What a reviewer decided about a flagged part.</summary>
public enum DispositionDecision
{
    /// <summary>Confirmed NOK, the part is scrapped.</summary>
    NokScrap,

    /// <summary>Confirmed NOK, the part goes to rework.</summary>
    NokRework,

    /// <summary>Released as OK despite the line's verdict (needs a comment when the line said NOK or REVIEW).</summary>
    ReleasedOk,
}

/// <summary>One entry of a part's audit trail: who decided what, when, from which state, and which entry it supersedes.</summary>
public sealed record DispositionEntry(
    long Id,
    long InspectionId,
    DispositionDecision Decision,
    string PreviousState,
    string Comment,
    string UserName,
    DateTimeOffset DecidedUtc,
    long? SupersedesId)
{
    public string DecisionText => DispositionText.Of(Decision);
}

/// <summary>Decisions as the schema writes them, and in words.</summary>
public static class DispositionText
{
    public static string Of(DispositionDecision decision) => decision switch
    {
        DispositionDecision.NokScrap => "NOK_SCRAP",
        DispositionDecision.NokRework => "NOK_REWORK",
        _ => "RELEASED_OK",
    };

    public static string Words(string stateOrDecision) => stateOrDecision switch
    {
        "NOK_SCRAP" => "NOK – scrap",
        "NOK_REWORK" => "NOK – rework",
        "RELEASED_OK" => "released as OK",
        _ => stateOrDecision,
    };

    public static bool TryParse(string? text, out DispositionDecision decision)
    {
        switch (text)
        {
            case "NOK_SCRAP":
                decision = DispositionDecision.NokScrap;
                return true;
            case "NOK_REWORK":
                decision = DispositionDecision.NokRework;
                return true;
            case "RELEASED_OK":
                decision = DispositionDecision.ReleasedOk;
                return true;
            default:
                decision = default;
                return false;
        }
    }
}

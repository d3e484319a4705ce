using CastInspect.Core.Verdicts;

namespace CastInspect.Storage.Inspections;

/// <summary>Verdicts as the schema writes them: OK, REVIEW, NOK.</summary>
public static class VerdictText
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Ok => "OK",
        Verdict.Review => "REVIEW",
        Verdict.Nok => "NOK",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };

    public static Verdict Parse(string text) => text switch
    {
        "OK" => Verdict.Ok,
        "REVIEW" => Verdict.Review,
        "NOK" => Verdict.Nok,
        _ => throw new InvalidDataException($"unknown verdict '{text}' in the store"),
    };
}

namespace CastInspect.Core.Inspection;

/// <summary>Where and when a part was made and captured.</summary>
public sealed record Traceability(
    string Machine,
    string Die,
    string Cavity,
    long ShotNumber,
    string Line,
    DateTimeOffset CapturedAt);

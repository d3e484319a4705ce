namespace CastInspect.Inference;

/// <summary>The execution provider chosen and, in words, why.</summary>
public sealed record ProviderDecision(ExecutionProviderKind Provider, string Reason);

namespace RevenueCycle.Coding.Domain.Rules;

/// <summary>
/// How often a payer denied a procedure with a modifier and a diagnosis recently — learned from claim-denied events,
/// shown to the coder at coding time so the same error is not sent again.
/// </summary>
public sealed record DenialPattern(
    string PayerId,
    string ProcedureCode,
    string Modifier,
    string DiagnosisCode,
    int Count,
    IReadOnlyList<string> ReasonCodes,
    DateTimeOffset LastDenied);

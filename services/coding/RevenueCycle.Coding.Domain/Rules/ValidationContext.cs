using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Coding.Domain.Rules;

/// <summary>The patient facts the age, sex and newborn edits need; age unknown skips the age edits.</summary>
public sealed record PatientContext(uint? AgeYears, Sex Sex)
{
    public static readonly PatientContext Unknown = new(null, Sex.Unspecified);
}

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

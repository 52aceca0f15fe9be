namespace RevenueCycle.Posting.Domain.Model;

/// <summary>A paid line whose allowed amount is below what the contract (or the Medicare baseline) says, by more than the threshold.</summary>
public sealed record Underpayment(
    string UnderpaymentId,
    string RemittanceId,
    string ClaimId,
    string PayerId,
    string PayerClaimControlNumber,
    string LineItemControlNumber,
    string ProcedureCode,
    IReadOnlyList<string> Modifiers,
    uint Units,
    long ExpectedCents,
    long AllowedCents,
    long VarianceCents,
    string Basis,
    DateTimeOffset DetectedAt);

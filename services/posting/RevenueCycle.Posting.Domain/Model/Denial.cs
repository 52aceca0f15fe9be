namespace RevenueCycle.Posting.Domain.Model;

/// <summary>Root-cause category of a denial; decides whose work queue it lands in.</summary>
public enum DenialCategory
{
    Unspecified,
    Coding,
    Authorization,
    Eligibility,
    TimelyFiling,
    CoordinationOfBenefits,
    MedicalNecessity,
    Duplicate,
    Other,
}

/// <summary>A denied claim or line found on a remittance.</summary>
public sealed record Denial(
    string DenialId,
    string RemittanceId,
    string ClaimId,
    string PayerId,
    string PayerClaimControlNumber,
    string LineItemControlNumber,
    string ProcedureCode,
    IReadOnlyList<string> Modifiers,
    string GroupCode,
    string ReasonCode,
    IReadOnlyList<string> RemarkCodes,
    long DeniedCents,
    DenialCategory Category,
    string RootCause,
    string ClassificationVersion,
    DateTimeOffset DetectedAt,
    DateOnly? AppealDeadline = null,
    DateTimeOffset? ClosedAt = null,
    string Resolution = "")
{
    public bool Open => ClosedAt is null;
}

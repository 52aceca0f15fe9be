namespace RevenueCycle.Eligibility.Domain.Model;

public enum FrontEndTaskStatus
{
    Unspecified,
    Open,
    Resolved,
}

/// <summary>One denial (or rejection) of the claim the task is about: its code, where, and the amount.</summary>
public sealed record FrontEndDenial(string EventId, string Source, string Category, string GroupCode, string ReasonCode, IReadOnlyList<string> RemarkCodes,
    string LineItemControlNumber, string ProcedureCode, long DeniedCents, DateOnly? ServiceDate);

/// <summary>
/// A claim a payer denied (or rejected) for a front-end reason, on the registrars' worklist: the denials, which
/// coverage and patient the claim billed, what the payer said about the member in the 271 in force on the date of
/// service (the snapshot and a summary: what was known), what to do, and how it was resolved.
/// </summary>
public sealed record FrontEndTask(
    string TaskId,
    string ClaimId,
    string PayerId,
    string PayerClaimControlNumber,
    string PatientId,
    string CoverageId,
    FrontEndTaskStatus Status,
    IReadOnlyList<FrontEndDenial> Denials,
    string SnapshotId,
    string KnownThen,
    string Guidance,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    string Resolution,
    string CorrectedCoverageId,
    string AuthorizationId);

/// <summary>What eligibility keeps of a claim sent (from claim-submitted): whom it billed, for whom, from when.</summary>
public sealed record SubmittedClaimContext(string ClaimId, int Version, string PayerId, string PatientId, string CoverageId, DateOnly? FirstDateOfService);

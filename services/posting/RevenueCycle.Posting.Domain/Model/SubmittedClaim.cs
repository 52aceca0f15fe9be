namespace RevenueCycle.Posting.Domain.Model;

/// <summary>A line as submitted: what the payer's service line is matched against and priced from.</summary>
public sealed record SubmittedLine(string LineItemControlNumber, string ProcedureCode, IReadOnlyList<string> Modifiers, DateOnly? ServiceDate, uint Units, long ChargeCents, string PlaceOfService);

/// <summary>The newest submitted version of a claim, kept from claim-submitted.</summary>
public sealed record SubmittedClaim(string ClaimId, int VersionNumber, string PayerId, IReadOnlyList<SubmittedLine> Lines);

/// <summary>
/// A claim payment, or one of its service lines, that posting could not tie to what was submitted: it is posted
/// all the same (the money arrived) and waits here, with the reason, for someone in billing.
/// </summary>
public sealed record UnmatchedPayment(
    string ItemId,
    string RemittanceId,
    string ClaimId,
    string PayerId,
    string PayerClaimControlNumber,
    string ProcedureCode,
    IReadOnlyList<string> Modifiers,
    DateOnly? ServiceDate,
    long PaidCents,
    string Reason,
    DateTimeOffset DetectedAt,
    DateTimeOffset? ResolvedAt = null,
    string Resolution = "");

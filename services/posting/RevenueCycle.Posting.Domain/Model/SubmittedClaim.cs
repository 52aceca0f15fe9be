namespace RevenueCycle.Posting.Domain.Model;

/// <summary>A line as submitted: what the payer's service line is matched against and priced from.</summary>
public sealed record SubmittedLine(string LineItemControlNumber, string ProcedureCode, IReadOnlyList<string> Modifiers, DateOnly? ServiceDate, uint Units, long ChargeCents, string PlaceOfService);

/// <summary>
/// The newest submitted version of a claim, kept from claim-submitted. Version 0 is a placeholder a chunk of claim
/// payments writes for a claim it does not know yet: the document both sides write, so a payment posted while its
/// claim arrives makes one of the two commits fail and look again, and neither misses the other.
/// </summary>
public sealed record SubmittedClaim(string ClaimId, int VersionNumber, string PayerId, IReadOnlyList<SubmittedLine> Lines, string Frequency = "1")
{
    /// <summary>The newest version sent is a void (frequency 8): the claim is cancelled at the payer.</summary>
    public bool Voided => Frequency == "8";

    /// <summary>Known from claim-submitted (a placeholder is not).</summary>
    public bool Known => VersionNumber > 0;

    public static SubmittedClaim Placeholder(string claimId) => new(claimId, 0, "", []);
}

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
    string Resolution = "",
    string PaymentKey = "");

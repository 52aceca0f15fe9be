namespace RevenueCycle.Posting.Domain.Model;

/// <summary>One CAS adjustment: group (CO, PR, OA, PI, CR), reason (CARC) and amount in cents.</summary>
public sealed record Adjustment(string GroupCode, string ReasonCode, long AmountCents, uint Quantity);

/// <summary>Payment for one service line (835 SVC loop).</summary>
public sealed record LinePayment(
    string LineItemControlNumber,
    string ProcedureCode,
    IReadOnlyList<string> Modifiers,
    long ChargeCents,
    long PaidCents,
    uint Units,
    DateOnly? ServiceDate,
    IReadOnlyList<Adjustment> Adjustments,
    IReadOnlyList<string> RemarkCodes,
    long AllowedCents);

/// <summary>Payment for one claim (835 CLP loop).</summary>
public sealed record ClaimPayment(
    string PatientControlNumber,
    string StatusCode,
    long ChargeCents,
    long PaidCents,
    long PatientResponsibilityCents,
    string PayerClaimControlNumber,
    IReadOnlyList<Adjustment> Adjustments,
    IReadOnlyList<LinePayment> Lines,
    IReadOnlyList<string> RemarkCodes,
    string ClaimId,
    string PatientAccountId)
{
    /// <summary>The RevenueCycle claim: given by the sender, else the patient control number we sent in CLM01.</summary>
    public string EffectiveClaimId => string.IsNullOrWhiteSpace(ClaimId) ? PatientControlNumber : ClaimId;

    public IEnumerable<Adjustment> AllAdjustments => Adjustments.Concat(Lines.SelectMany(l => l.Adjustments));
}

/// <summary>
/// A PLB adjustment of the provider's payment not tied to one claim: WO overpayment recovery, FB forwarding balance,
/// L6 interest, 72 authorised return, CS adjustment ... Positive reduces the payment. The provider (PLB01) and the
/// fiscal period (PLB02) are kept when the 835 gives them.
/// </summary>
public sealed record ProviderAdjustment(string ReasonCode, string Reference, long AmountCents, string ProviderId = "", DateOnly? FiscalPeriodEnd = null);

/// <summary>A provider adjustment as its own entry: which remittance (payer, trace) carried it.</summary>
public sealed record ProviderAdjustmentEntry(string EntryId, string RemittanceId, string PayerId, string TraceNumber, DateOnly? PaymentDate, ProviderAdjustment Adjustment, DateTimeOffset PostedAt);

/// <summary>The content of one 835 transaction as posted.</summary>
public sealed record Remittance(
    string RemittanceId,
    string PayerId,
    string TraceNumber,
    DateOnly? PaymentDate,
    long TotalPaidCents,
    IReadOnlyList<ClaimPayment> Claims,
    DateTimeOffset PostedAt,
    IReadOnlyList<ProviderAdjustment>? ProviderAdjustments = null)
{
    public IReadOnlyList<ProviderAdjustment> Plb => ProviderAdjustments ?? [];
}

/// <summary>What posting a remittance did.</summary>
public sealed record PostingResult(string RemittanceId, bool Duplicate, int ClaimsPosted, int DenialsDetected, long TotalPaidCents, IReadOnlyList<string>? Findings = null);

public enum RemittanceState
{
    /// <summary>Checked and being posted in chunks; an interrupted import resumes from <see cref="RemittanceHeader.PostedClaims"/>.</summary>
    Posting,

    Posted,
}

/// <summary>
/// A remittance as stored: the payment (BPR/TRN), its provider adjustments, and how far posting has gone. Claim
/// payments are stored one document each, so a remittance of any size posts in chunks with flat memory.
/// </summary>
public sealed record RemittanceHeader(
    string RemittanceId,
    string PayerId,
    string TraceNumber,
    DateOnly? PaymentDate,
    long TotalPaidCents,
    IReadOnlyList<ProviderAdjustment> ProviderAdjustments,
    int ClaimCount,
    int PostedClaims,
    int DenialsDetected,
    RemittanceState State,
    string Source,
    DateTimeOffset StartedAt,
    DateTimeOffset? PostedAt,
    IReadOnlyList<string>? Findings = null)
{
    /// <summary>What posting noticed but did not refuse: unknown or retired CARC/RARC codes, located by claim payment.</summary>
    public IReadOnlyList<string> Notes => Findings ?? [];

    public PostingResult Result(bool duplicate) => new(RemittanceId, duplicate, PostedClaims, DenialsDetected, TotalPaidCents, Notes);
}

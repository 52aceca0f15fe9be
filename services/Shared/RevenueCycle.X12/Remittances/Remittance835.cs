using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.X12.Remittances;

/// <summary>
/// Payment for one service line (835 loop 2110). An institutional line billed by revenue code alone has no procedure
/// code: SVC01 names the revenue code (NU); one with both names the procedure in SVC01 and the revenue code in SVC04.
/// </summary>
public sealed record LinePayment835(
    string LineItemControlNumber,
    string ProcedureCode,
    IReadOnlyList<string> Modifiers,
    long ChargeCents,
    long PaidCents,
    uint Units,
    DateOnly? ServiceDate,
    IReadOnlyList<PayerAdjustment> Adjustments,
    IReadOnlyList<string> RemarkCodes,
    long? AllowedCents,
    string RevenueCode = "");

/// <summary>Payment for one claim (835 loop 2100): CLP status, amounts, CAS, the patient, the payer's claim number, lines.</summary>
public sealed record ClaimPayment835(
    string PatientControlNumber,
    string StatusCode,
    long ChargeCents,
    long PaidCents,
    long PatientResponsibilityCents,
    string ClaimFilingIndicator,
    string PayerClaimControlNumber,
    PersonName Patient,
    string MemberId,
    IReadOnlyList<PayerAdjustment> Adjustments,
    IReadOnlyList<string> RemarkCodes,
    IReadOnlyList<LinePayment835> Lines)
{
    /// <summary>The claim's CAS and its lines' (loops 2100 and 2110).</summary>
    public IEnumerable<PayerAdjustment> AllAdjustments => Adjustments.Concat(Lines.SelectMany(l => l.Adjustments));
}

/// <summary>A provider-level adjustment (PLB): e.g. WO overpayment recovery (recoupment), L6 interest, FB forwarding balance.</summary>
public sealed record ProviderAdjustment835(string ProviderId, DateOnly FiscalPeriodEnd, string ReasonCode, string Reference, long AmountCents);

/// <summary>One 835 transaction: the payment (BPR/TRN), payer and payee, claims, provider adjustments.</summary>
public sealed record Remittance835(
    string PayerId,
    string PayerName,
    string PayeeName,
    string PayeeNpi,
    string TraceNumber,
    DateOnly PaymentDate,
    long TotalPaidCents,
    string PaymentMethod,
    IReadOnlyList<ClaimPayment835> Claims,
    IReadOnlyList<ProviderAdjustment835> ProviderAdjustments)
{
    /// <summary>BPR02 must equal the claims' payments less the provider adjustments (835 balancing).</summary>
    public long BalancedTotalCents => Claims.Sum(c => c.PaidCents) - ProviderAdjustments.Sum(p => p.AmountCents);
}

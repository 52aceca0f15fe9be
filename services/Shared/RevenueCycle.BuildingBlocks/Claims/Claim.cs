namespace RevenueCycle.BuildingBlocks.Claims;

public enum ClaimType
{
    Unspecified,
    Professional,
    Institutional,
}

/// <summary>Claim frequency type code (CLM05-3); the numeric values are the X12 codes.</summary>
public enum ClaimFrequency
{
    Unspecified = 0,
    Original = 1,
    Replacement = 7,
    Void = 8,
}

public sealed record Diagnosis(string Code, string PresentOnAdmission);

public sealed record DrugIdentification(string Ndc, string Unit, long QuantityThousandths);

public sealed record ServiceLine(
    uint LineNumber,
    string ProcedureCode,
    IReadOnlyList<string> Modifiers,
    uint Units,
    long ChargeCents,
    string PlaceOfService,
    IReadOnlyList<uint> DiagnosisPointers,
    string LineItemControlNumber,
    DateOnly? ServiceDateFrom,
    DateOnly? ServiceDateTo,
    Provider? RenderingProvider,
    DrugIdentification? Drug,
    string RevenueCode);

public sealed record InstitutionalInfo(
    string TypeOfBill,
    DateOnly? AdmissionDate,
    string AdmissionHour,
    string AdmissionType,
    string AdmissionSource,
    DateOnly? DischargeDate,
    string DischargeHour,
    string PatientStatus,
    Provider? AttendingProvider,
    string AdmittingDiagnosis);

/// <summary>An adjustment a payer made (835 CAS): group (CO, PR, OA, PI, CR), CARC and amount.</summary>
public sealed record PayerAdjustment(string GroupCode, string ReasonCode, long AmountCents, decimal Quantity = 0);

/// <summary>How an earlier payer adjudicated one line (837 loop 2430 SVD/CAS/DTP*573), for a secondary claim.</summary>
public sealed record OtherPayerLine(uint LineNumber, string ProcedureCode, IReadOnlyList<string> Modifiers, long PaidCents, uint PaidUnits, IReadOnlyList<PayerAdjustment> Adjustments, DateOnly? AdjudicatedOn);

/// <summary>
/// A payer that adjudicated the claim before the one it is sent to now (837 loops 2320/2330, built from that payer's
/// 835): who it is, the subscriber it covers, what it paid and adjusted, claim and line level.
/// </summary>
public sealed record OtherPayer(
    Payer Payer,
    Subscriber Subscriber,
    string PayerClaimControlNumber,
    long PaidCents,
    IReadOnlyList<PayerAdjustment> ClaimAdjustments,
    DateOnly? AdjudicatedOn,
    IReadOnlyList<OtherPayerLine> Lines);

/// <summary>A claim as RevenueCycle builds, scrubs and submits it (the domain twin of the <c>Claim</c> contract).</summary>
public sealed record Claim(
    string ClaimId,
    ClaimType Type,
    string PatientControlNumber,
    ClaimFrequency Frequency,
    string PayerClaimControlNumber,
    string PriorAuthorizationNumber,
    string ReferralNumber,
    Provider? BillingProvider,
    Provider? RenderingProvider,
    Provider? ReferringProvider,
    Patient? Patient,
    Subscriber? Subscriber,
    Payer? Payer,
    string CoverageId,
    string PlaceOfService,
    IReadOnlyList<Diagnosis> Diagnoses,
    IReadOnlyList<ServiceLine> Lines,
    long TotalChargeCents,
    InstitutionalInfo? Institutional,
    string EncounterId,
    IReadOnlyList<OtherPayer>? OtherPayers = null,
    Payer? SecondaryPayer = null,
    Subscriber? SecondarySubscriber = null)
{
    /// <summary>Payers that adjudicated the claim before this one, in order: none for a primary claim.</summary>
    public IReadOnlyList<OtherPayer> PriorPayers => OtherPayers ?? [];

    /// <summary>
    /// Whose turn it is (SBR01): P primary, S secondary, T tertiary. <see cref="SecondaryPayer"/> (with
    /// <see cref="SecondarySubscriber"/>) is the coverage billed next, once this payer has adjudicated.
    /// </summary>
    public string PayerResponsibility => PriorPayers.Count switch { 0 => "P", 1 => "S", _ => "T" };

    /// <summary>Earliest line date of service (the claim's "from" date), if any line has one.</summary>
    public DateOnly? FirstDateOfService => Lines.Select(l => l.ServiceDateFrom).Where(d => d.HasValue).Min();
}

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
    string EncounterId)
{
    /// <summary>Earliest line date of service (the claim's "from" date), if any line has one.</summary>
    public DateOnly? FirstDateOfService => Lines.Select(l => l.ServiceDateFrom).Where(d => d.HasValue).Min();
}

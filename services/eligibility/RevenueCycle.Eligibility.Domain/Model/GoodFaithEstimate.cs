namespace RevenueCycle.Eligibility.Domain.Model;

/// <summary>A provider or facility expected to furnish items: name, NPI, TIN and where (the state and office).</summary>
public sealed record GfeProvider(string Name, string Npi, string TaxId, string Location);

/// <summary>
/// One item or service expected: who furnishes it, its code (CPT/HCPCS) and description, the diagnosis codes it is for,
/// the quantity and the expected charge (the provider's self-pay charge; when not given, the Medicare fee schedule
/// baseline, named as such), and whether it will be scheduled separately by a co-provider.
/// </summary>
public sealed record GfeItem(GfeProvider Provider, string ServiceCode, string Description, IReadOnlyList<string> DiagnosisCodes, uint Quantity, long ExpectedChargeCents,
    string ChargeBasis, bool SeparatelyScheduled);

/// <summary>
/// A Good Faith Estimate for an uninsured or self-pay patient (No Surprises Act, 45 CFR 149.610): the patient, the
/// primary service in plain words and its scheduled date, every expected item grouped by provider with codes and
/// charges, the total, the required disclaimers, and the date it had to be given by (1 business day after scheduling
/// for a service 3 to 9 business days away, 3 business days for one 10 or more away or for a request).
/// </summary>
public sealed record GoodFaithEstimate(
    string EstimateId,
    string PatientId,
    string PatientLastName,
    string PatientFirstName,
    DateOnly? PatientBirthDate,
    string PrimaryService,
    DateOnly? ScheduledDate,
    IReadOnlyList<GfeItem> Items,
    long TotalExpectedChargeCents,
    IReadOnlyList<string> Disclaimers,
    DateTimeOffset IssuedAt,
    DateOnly? DueBy,
    string Timing);

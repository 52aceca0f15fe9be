namespace RevenueCycle.Eligibility.Domain.Model;

/// <summary>A planned service to estimate: codes, units, place of service, and its allowed amount when the caller knows it.</summary>
public sealed record EstimateService(string ProcedureCode, IReadOnlyList<string> Modifiers, uint Units, string PlaceOfService, long? AllowedCents);

/// <summary>A service as estimated: the allowed amount used and where it came from (given, the payer's contract, the Medicare fee schedule).</summary>
public sealed record EstimatedLine(string ProcedureCode, uint Units, long AllowedCents, string Basis);

/// <summary>
/// The cost-sharing terms an estimate applies, for one service type and network: the copay per visit, the coinsurance
/// (basis points), the deductible still to meet and the out-of-pocket maximum still to reach (null: none), and where
/// they came from (a 271 snapshot, or the benefits registered by hand).
/// </summary>
public sealed record CostShareTerms(long CopayCents, int CoinsuranceBasisPoints, long DeductibleRemainingCents, long? OutOfPocketRemainingCents, string Source);

/// <summary>
/// What the patient is expected to owe for the planned services, exact to the cent: each service's allowed amount, the
/// copay, deductible and coinsurance parts, the total (capped by the out-of-pocket maximum still to reach) and what the
/// plan pays, with the terms used and the steps in words.
/// </summary>
public sealed record PatientEstimate(
    IReadOnlyList<EstimatedLine> Lines,
    long AllowedCents,
    long CopayCents,
    long DeductibleCents,
    long CoinsuranceCents,
    long PatientTotalCents,
    long PlanPaysCents,
    CostShareTerms Terms,
    string SnapshotId,
    IReadOnlyList<string> Steps);

using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>
/// A payer's adjudication of a claim was posted: what it paid, adjusted and left to the patient, in total and for each
/// service line it reported (835 SVC loops, by line item control number; what the claim-level CAS adjusted is the
/// difference). Patient responsibility by kind: deductible (PR-1), coinsurance (PR-2), copay (PR-3), non-covered
/// (<see cref="NonCoveredReasons">PR-49, 50, 96, 204</see>); the rest of the patient's share is patient responsibility less those.
/// </summary>
public sealed record ClaimAdjudicatedIntegrationEvent(
    string ClaimId,
    string RemittanceId,
    string PayerId,
    string PayerClaimControlNumber,
    string ClaimStatusCode,
    long ChargeCents,
    long PaidCents,
    long AdjustmentCents,
    long PatientResponsibilityCents,
    string? PatientAccountId,
    long DeductibleCents = 0,
    long CoinsuranceCents = 0,
    long CopayCents = 0,
    IReadOnlyList<AdjudicatedLine>? Lines = null,
    long NonCoveredCents = 0) : IntegrationEvent
{
    public override string Topic => Topics.ClaimAdjudicated;

    /// <summary>CARCs that, under group PR, make a service the patient's because the plan does not cover it (routine exam, not medically necessary with a waiver, non-covered, not a benefit of the plan).</summary>
    public static readonly string[] NonCoveredReasons = ["49", "50", "96", "204"];
}

/// <summary>One service line as the payer adjudicated it; adjustments here are the settled ones (contractual and the like), not denials being worked.</summary>
public sealed record AdjudicatedLine(
    string LineItemControlNumber,
    long PaidCents,
    long AdjustmentCents,
    long DeductibleCents,
    long CoinsuranceCents,
    long CopayCents,
    long OtherPatientCents,
    long NonCoveredCents = 0)
{
    public long PatientResponsibilityCents => DeductibleCents + CoinsuranceCents + CopayCents + OtherPatientCents + NonCoveredCents;
}

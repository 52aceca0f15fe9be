using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>
/// A payer's adjudication of a claim was posted: what it paid, adjusted and left to the patient, in total and for each
/// service line it reported (835 SVC loops, by line item control number; what the claim-level CAS adjusted is the
/// difference). Patient responsibility by kind: deductible (PR-1), coinsurance (PR-2), copay (PR-3); the rest of the
/// patient's share (e.g. PR-96 non-covered) is patient responsibility less those.
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
    IReadOnlyList<AdjudicatedLine>? Lines = null) : IntegrationEvent
{
    public override string Topic => Topics.ClaimAdjudicated;
}

/// <summary>One service line as the payer adjudicated it; adjustments here are the settled ones (contractual and the like), not denials being worked.</summary>
public sealed record AdjudicatedLine(
    string LineItemControlNumber,
    long PaidCents,
    long AdjustmentCents,
    long DeductibleCents,
    long CoinsuranceCents,
    long CopayCents,
    long OtherPatientCents)
{
    public long PatientResponsibilityCents => DeductibleCents + CoinsuranceCents + CopayCents + OtherPatientCents;
}

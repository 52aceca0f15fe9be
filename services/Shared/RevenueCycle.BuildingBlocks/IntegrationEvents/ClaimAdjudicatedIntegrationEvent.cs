using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>A payer's adjudication of a claim was posted: what it paid, adjusted and left to the patient.</summary>
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
    long CopayCents = 0) : IntegrationEvent
{
    public override string Topic => Topics.ClaimAdjudicated;
}

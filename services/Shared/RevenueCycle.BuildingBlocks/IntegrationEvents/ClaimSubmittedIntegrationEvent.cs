using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>Submission accepted a clean claim version for transmission; collections opens the charge on the account.</summary>
public sealed record ClaimSubmittedIntegrationEvent(
    string ClaimId,
    int VersionNumber,
    string Frequency,
    string PayerId,
    string PatientAccountId,
    long TotalChargeCents) : IntegrationEvent
{
    public override string Topic => Topics.ClaimSubmitted;
}

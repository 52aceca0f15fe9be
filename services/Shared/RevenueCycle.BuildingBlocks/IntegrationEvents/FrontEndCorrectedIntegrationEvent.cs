using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>
/// A registrar fixed what a front-end denial or rejection found (the coverage billed, an authorization): submission
/// sends the corrected claim — a replacement (frequency 7) to the same payer when it has the claim on file, else an
/// original to the payer of <see cref="CoverageId"/>. Only opaque ids travel: submission reads the coverage and the
/// authorization from eligibility.
/// </summary>
public sealed record FrontEndCorrectedIntegrationEvent(
    string TaskId,
    string ClaimId,
    string PayerClaimControlNumber,
    string SourceEventId,
    string CoverageId,
    string AuthorizationId) : IntegrationEvent
{
    public override string Topic => Topics.FrontEndCorrected;
}

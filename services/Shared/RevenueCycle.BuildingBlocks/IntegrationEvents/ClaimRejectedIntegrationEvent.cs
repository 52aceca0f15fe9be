using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>
/// A claim version came back before adjudication: refused in the 999 (the file or its transaction set did not meet
/// the implementation guide) or in the 277CA (the payer's front end). <see cref="RootCause"/> is <c>coding</c>,
/// <c>billing</c> or <c>front-end</c>; <see cref="StatusCodes"/> are the 277CA STC (category:status:entity) or
/// the 999 IK3/IK4 codes. No PHI: codes and identifiers only.
/// </summary>
public sealed record ClaimRejectedIntegrationEvent(
    string ClaimId,
    int Version,
    string PayerId,
    string Source,
    string RootCause,
    IReadOnlyList<string> StatusCodes,
    string Detail) : IntegrationEvent
{
    public override string Topic => Topics.ClaimRejected;
}

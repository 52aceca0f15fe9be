using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>
/// A payer denied a claim or one of its lines. <see cref="RootCause"/> is <c>coding</c>, <c>billing</c> or
/// <c>front-end</c>; coding denials become correction tasks in the coding service. <see cref="ServiceDate"/> is
/// the denied line's date of service, so corrected codes are checked against the code sets in force then.
/// </summary>
public sealed record ClaimDeniedIntegrationEvent(
    string DenialId,
    string ClaimId,
    string RemittanceId,
    string PayerId,
    string PayerClaimControlNumber,
    string? LineItemControlNumber,
    string? ProcedureCode,
    IReadOnlyList<string> Modifiers,
    string GroupCode,
    string ReasonCode,
    IReadOnlyList<string> RemarkCodes,
    long DeniedCents,
    string Category,
    string RootCause,
    string ClassificationVersion,
    DateOnly? ServiceDate) : IntegrationEvent
{
    public override string Topic => Topics.ClaimDenied;
}

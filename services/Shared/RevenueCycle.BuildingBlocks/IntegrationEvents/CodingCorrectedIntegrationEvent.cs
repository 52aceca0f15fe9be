using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>A coder corrected a denied claim's codes; submission sends a replacement claim (frequency 7).</summary>
public sealed record CodingCorrectedIntegrationEvent(
    string TaskId,
    string ClaimId,
    string PayerClaimControlNumber,
    string SourceDenialEventId,
    IReadOnlyList<string> DiagnosisCodes,
    IReadOnlyList<CorrectedLineCodes> Lines) : IntegrationEvent
{
    public override string Topic => Topics.CodingCorrected;
}

/// <summary>The corrected codes of one claim line, matched by its line item control number.</summary>
public sealed record CorrectedLineCodes(
    string LineItemControlNumber,
    string ProcedureCode,
    IReadOnlyList<string> Modifiers,
    uint Units,
    IReadOnlyList<uint> DiagnosisPointers);

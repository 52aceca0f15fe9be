using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Coding.Domain.Model;

public enum CorrectionStatus
{
    Unspecified,
    Open,
    Completed,
}

/// <summary>The corrected codes of one claim line, matched by its line item control number.</summary>
public sealed record CorrectedLine(string LineItemControlNumber, string ProcedureCode, IReadOnlyList<string> Modifiers, uint Units, IReadOnlyList<uint> DiagnosisPointers);

/// <summary>
/// A coding-rooted denial waiting for a coder to correct the claim's codes. <see cref="Resolution"/> says how a task
/// closed other than by its coder: the claim was corrected elsewhere (a newer version submitted), say.
/// </summary>
public sealed record CorrectionTask(
    string TaskId,
    string ClaimId,
    string PayerClaimControlNumber,
    string PayerId,
    string LineItemControlNumber,
    string ProcedureCode,
    IReadOnlyList<string> Modifiers,
    string GroupCode,
    string ReasonCode,
    IReadOnlyList<string> RemarkCodes,
    long DeniedCents,
    CorrectionStatus Status,
    DateTimeOffset CreatedAt,
    string SourceEventId,
    IReadOnlyList<Diagnosis> CorrectedDiagnoses,
    IReadOnlyList<CorrectedLine> CorrectedLines,
    string CompletedBy,
    DateTimeOffset? CompletedAt,
    DateOnly? ServiceDate,
    string Resolution = "");

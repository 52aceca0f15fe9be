using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>
/// Submission accepted a clean claim version for transmission: collections opens the charge on the account;
/// coding keeps the lines' codes so a later denial of a line can be tied to its diagnoses.
/// </summary>
public sealed record ClaimSubmittedIntegrationEvent(
    string ClaimId,
    int VersionNumber,
    string Frequency,
    string PayerId,
    string PatientAccountId,
    long TotalChargeCents,
    IReadOnlyList<SubmittedLineCodes> Lines) : IntegrationEvent
{
    public override string Topic => Topics.ClaimSubmitted;
}

/// <summary>The codes of one submitted line: procedure, modifiers and the diagnoses it points to (without dots).</summary>
public sealed record SubmittedLineCodes(string LineItemControlNumber, string ProcedureCode, IReadOnlyList<string> Modifiers, IReadOnlyList<string> DiagnosisCodes);

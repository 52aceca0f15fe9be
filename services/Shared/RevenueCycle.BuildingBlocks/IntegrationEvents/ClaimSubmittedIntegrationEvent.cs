using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>
/// Submission accepted a clean claim version for transmission: collections opens the charge on the account;
/// coding keeps the lines' codes so a later denial of a line can be tied to its diagnoses; posting keeps the lines to
/// match the payer's service lines to them and to price them against the fee schedule; eligibility counts the units
/// the claim uses of the patient's authorizations and keeps which coverage the claim billed. Patient and coverage are
/// RevenueCycle's opaque ids, never a member id. <see cref="SecondaryOf"/> names the primary claim when this is the
/// claim to the next payer for the same services (its charge is the primary's, not a new one);
/// <see cref="SecondaryExpected"/> says this claim names a secondary coverage, so the patient's share waits for it.
/// <see cref="ProviderNpi"/> (rendering, else billing; an NPI is not PHI) and <see cref="ScrubFindingCount"/> (the
/// scrubber's edits on this version that did not block it: warnings; an informational note is not an edit) feed the KPIs.
/// </summary>
public sealed record ClaimSubmittedIntegrationEvent(
    string ClaimId,
    int VersionNumber,
    string Frequency,
    string PayerId,
    string PatientAccountId,
    long TotalChargeCents,
    IReadOnlyList<SubmittedLineCodes> Lines,
    string PlaceOfService = "",
    string PatientId = "",
    string CoverageId = "",
    string SecondaryOf = "",
    bool SecondaryExpected = false,
    string ProviderNpi = "",
    int ScrubFindingCount = 0) : IntegrationEvent
{
    public override string Topic => Topics.ClaimSubmitted;
}

/// <summary>One submitted line: procedure, modifiers, the diagnoses it points to (without dots), date of service, units and charge.</summary>
public sealed record SubmittedLineCodes(string LineItemControlNumber, string ProcedureCode, IReadOnlyList<string> Modifiers, IReadOnlyList<string> DiagnosisCodes,
    DateOnly? ServiceDate = null, uint Units = 0, long ChargeCents = 0, string PlaceOfService = "");

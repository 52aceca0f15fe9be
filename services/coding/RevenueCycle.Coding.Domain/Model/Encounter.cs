using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Coding.Domain.Model;

public enum EncounterStatus
{
    Unspecified,
    Draft,
    Coded,
    Finalized,
}

/// <summary>A procedure as the coder assigns it: code, modifiers, units and 1-based diagnosis pointers.</summary>
public sealed record CodedProcedure(string Code, IReadOnlyList<string> Modifiers, uint Units, IReadOnlyList<uint> DiagnosisPointers);

/// <summary>Who changed the encounter, how and when. Holds no documentation text.</summary>
public sealed record AuditEntry(string Actor, string Action, DateTimeOffset At, long Version);

/// <summary>A documented encounter moving through draft, coded and finalized. <see cref="Documentation"/> is PHI.</summary>
public sealed record Encounter(
    string EncounterId,
    string PatientId,
    DateOnly DateOfService,
    string ProviderNpi,
    string Documentation,
    uint? PatientAgeYears,
    Sex PatientSex,
    string PayerId,
    EncounterStatus Status,
    IReadOnlyList<Diagnosis> Diagnoses,
    IReadOnlyList<CodedProcedure> Procedures,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<AuditEntry> Audit);

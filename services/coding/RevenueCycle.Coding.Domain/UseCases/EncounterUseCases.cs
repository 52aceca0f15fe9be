using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Coding.Domain.CodeSets;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.Rules;

namespace RevenueCycle.Coding.Domain.UseCases;

public sealed record CreateEncounter(string PatientId, DateOnly? DateOfService, string ProviderNpi, string Documentation, uint PatientAgeYears, Sex PatientSex, string Actor);

/// <summary>The result of validating codes: findings and the edition they were checked against.</summary>
public sealed record CodeValidation(IReadOnlyList<Finding> Findings, string CodeSetVersion)
{
    public bool Valid => !CodeValidator.HasRejects(Findings);
}

/// <summary>The coder workflow: draft, coded (validated), finalized; every change audited.</summary>
public sealed class EncounterUseCases(IDocumentStore store, ICodeSetProvider codeSets, TimeProvider clock)
{
    public const string WorkQueueIndex = "queue:to-code";

    private static string Key(string id) => $"encounter:{id}";

    public Task<Versioned<Encounter>> CreateAsync(string idempotencyKey, CreateEncounter command, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .RequireText(command.PatientId, "patient_id", 64)
            .Require(command.DateOfService.HasValue, "date_of_service", "is required")
            .RequireText(command.ProviderNpi, "provider_npi", 10)
            .Require(command.Documentation.Length <= 200_000, "documentation", "is longer than 200000 characters")
            .Require(command.PatientAgeYears <= 124, "patient_age_years", "must be between 0 and 124")
            .ThrowIfInvalid();

        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(command), changes =>
        {
            var now = clock.GetUtcNow();
            var encounter = new Encounter(
                "enc_" + Guid.CreateVersion7().ToString("N"), command.PatientId, command.DateOfService!.Value, command.ProviderNpi,
                command.Documentation, command.PatientAgeYears, command.PatientSex, EncounterStatus.Draft, [], [], [],
                [new AuditEntry(command.Actor, "created", now, 1)]);
            changes.Put(Key(encounter.EncounterId), encounter, ChangeSet.New)
                .Index(WorkQueueIndex, encounter.EncounterId, now.ToUnixTimeMilliseconds());
            return Task.FromResult(new Versioned<Encounter>(encounter, 1));
        }, cancellationToken: cancellationToken);
    }

    public async Task<Versioned<Encounter>> GetAsync(string encounterId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(encounterId, "encounter_id").ThrowIfInvalid();
        return await store.GetAsync<Encounter>(Key(encounterId), cancellationToken) ?? throw new NotFoundException("Encounter", encounterId);
    }

    public CodeValidation Validate(DateOnly? dateOfService, IReadOnlyList<Diagnosis> diagnoses, IReadOnlyList<CodedProcedure> procedures)
    {
        new Validator().Require(dateOfService.HasValue, "date_of_service", "is required").ThrowIfInvalid();
        var codes = codeSets.For(dateOfService!.Value);
        return new CodeValidation(CodeValidator.Validate(codes, diagnoses, procedures), codes.Version);
    }

    /// <summary>Replaces the codes; the encounter becomes CODED with the findings of their validation.</summary>
    public async Task<Versioned<Encounter>> SetCodesAsync(string encounterId, long expectedVersion, IReadOnlyList<Diagnosis> diagnoses, IReadOnlyList<CodedProcedure> procedures, string actor, CancellationToken cancellationToken)
    {
        var current = await GetAsync(encounterId, cancellationToken);
        RequireVersion(current, expectedVersion);
        if (current.Value.Status == EncounterStatus.Finalized)
        {
            throw new PreconditionFailedException($"Encounter '{encounterId}' is finalized; corrections go through correction tasks.");
        }

        var validation = Validate(current.Value.DateOfService, diagnoses, procedures);
        var version = current.Version + 1;
        var updated = current.Value with
        {
            Status = EncounterStatus.Coded,
            Diagnoses = diagnoses.Select(d => d with { Code = CodeSet.Normalize(d.Code) }).ToArray(),
            Procedures = procedures.Select(p => p with { Code = CodeSet.Normalize(p.Code), Modifiers = p.Modifiers.Select(m => m.Trim().ToUpperInvariant()).ToArray() }).ToArray(),
            Findings = validation.Findings,
            Audit = [.. current.Value.Audit, new AuditEntry(actor, "codes set", clock.GetUtcNow(), version)],
        };
        await CommitAsync(new ChangeSet().Put(Key(encounterId), updated, current.Version), encounterId, cancellationToken);
        return new Versioned<Encounter>(updated, version);
    }

    /// <summary>Locks a CODED encounter with no reject-level findings and takes it off the work queue.</summary>
    public async Task<Versioned<Encounter>> FinalizeAsync(string encounterId, long expectedVersion, string actor, CancellationToken cancellationToken)
    {
        var current = await GetAsync(encounterId, cancellationToken);
        if (current.Value.Status == EncounterStatus.Finalized)
        {
            return current; // finalizing twice is a retry, not an error
        }

        RequireVersion(current, expectedVersion);
        if (current.Value.Status != EncounterStatus.Coded)
        {
            throw new PreconditionFailedException($"Encounter '{encounterId}' has no codes yet.");
        }

        if (CodeValidator.HasRejects(current.Value.Findings))
        {
            throw new PreconditionFailedException($"Encounter '{encounterId}' has reject-level findings; fix the codes first.");
        }

        var version = current.Version + 1;
        var updated = current.Value with
        {
            Status = EncounterStatus.Finalized,
            Audit = [.. current.Value.Audit, new AuditEntry(actor, "finalized", clock.GetUtcNow(), version)],
        };
        var changes = new ChangeSet().Put(Key(encounterId), updated, current.Version).Unindex(WorkQueueIndex, encounterId);
        await CommitAsync(changes, encounterId, cancellationToken);
        return new Versioned<Encounter>(updated, version);
    }

    private static void RequireVersion(Versioned<Encounter> current, long expectedVersion)
    {
        if (expectedVersion != current.Version)
        {
            throw new ConcurrencyConflictException("Encounter", current.Value.EncounterId);
        }
    }

    private async Task CommitAsync(ChangeSet changes, string encounterId, CancellationToken cancellationToken)
    {
        var outcome = await store.CommitAsync(changes, cancellationToken);
        if (!outcome.IsCommitted)
        {
            throw new ConcurrencyConflictException("Encounter", encounterId);
        }
    }
}

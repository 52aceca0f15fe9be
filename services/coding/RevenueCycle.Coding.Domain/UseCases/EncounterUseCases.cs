using System.Text;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.Rules;
using RevenueCycle.Coding.Suggestion;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Edits;
using RevenueCycle.ReferenceData.Icd10Cm;

namespace RevenueCycle.Coding.Domain.UseCases;

public sealed record CreateEncounter(
    string PatientId,
    DateOnly? DateOfService,
    string ProviderNpi,
    string Documentation,
    uint? PatientAgeYears,
    Sex PatientSex,
    string PayerId,
    string Actor);

/// <summary>The result of validating codes: findings and the editions they were checked against.</summary>
public sealed record CodeValidation(IReadOnlyList<Finding> Findings, string CodeSetVersion)
{
    public bool Valid => !CodeValidator.HasRejects(Findings);
}

/// <summary>
/// The coder workflow: draft, coded (validated), finalized; every change audited; a work queue of drafts. A finalized
/// encounter teaches the suggestion history how this organisation codes such documentation.
/// </summary>
public sealed class EncounterUseCases(IDocumentStore store, ReferenceDataCatalog codeSets, DenialStatistics denials, TimeProvider clock, CodingHistory? history = null)
{
    public const string WorkQueueIndex = "queue:to-code";

    /// <summary>Finalized encounters by time: what the suggestion history learns from at start.</summary>
    public const string FinalizedIndex = "encounters:finalized";

    /// <summary>Largest documentation accepted: 1 MB of UTF-8.</summary>
    public const int MaxDocumentationBytes = 1_000_000;

    private static string Key(string id) => $"encounter:{id}";

    public Task<Versioned<Encounter>> CreateAsync(string idempotencyKey, CreateEncounter command, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .RequireText(command.PatientId, "patient_id", 64)
            .Require(command.DateOfService.HasValue, "date_of_service", "is required")
            .RequireText(command.ProviderNpi, "provider_npi", 10)
            .Require(Encoding.UTF8.GetByteCount(command.Documentation) <= MaxDocumentationBytes, "documentation", "is larger than 1 MB")
            .Require(command.PatientAgeYears is null or <= 124, "patient_age_years", "must be between 0 and 124")
            .Require(command.PayerId.Length <= 80, "payer_id", "is longer than 80 characters")
            .ThrowIfInvalid();

        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(command), changes =>
        {
            var now = clock.GetUtcNow();
            var encounter = new Encounter(
                "enc_" + Guid.CreateVersion7().ToString("N"), command.PatientId, command.DateOfService!.Value, command.ProviderNpi,
                command.Documentation, command.PatientAgeYears, command.PatientSex, command.PayerId, EncounterStatus.Draft, [], [], [],
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

    /// <summary>Encounters waiting to be coded or finalized, oldest first.</summary>
    public async Task<Page<Versioned<Encounter>>> WorkQueueAsync(int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        // Versioned: the coder's next save names the version it was read at.
        var (ids, next) = await store.PageAsync(WorkQueueIndex, pageToken, PageToken.Size(pageSize), descending: false, cancellationToken);
        return new Page<Versioned<Encounter>>(await store.GetManyAsync<Encounter>(ids.Select(Key).ToArray(), cancellationToken), next);
    }

    /// <summary>Validates codes for a date of service, patient and payer, with this payer's denial history.</summary>
    public async Task<CodeValidation> ValidateAsync(DateOnly? dateOfService, PatientContext patient, string? payerId, IReadOnlyList<Diagnosis> diagnoses, IReadOnlyList<CodedProcedure> procedures, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(dateOfService.HasValue, "date_of_service", "is required")
            .Require(patient.AgeYears is null or <= 124, "patient_age_years", "must be between 0 and 124")
            .Require(diagnoses.Count + procedures.Count <= 200, "diagnoses", "more than 200 codes in one request")
            .ThrowIfInvalid();
        var codes = codeSets.Current.For(dateOfService!.Value);
        var history = await denials.PatternsAsync(payerId, procedures.Select(p => p.Code), cancellationToken);
        return new CodeValidation(CodeValidator.Validate(codes, patient, diagnoses, procedures, history), codes.Version);
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

        var encounter = current.Value;
        var validation = await ValidateAsync(encounter.DateOfService, new PatientContext(encounter.PatientAgeYears, encounter.PatientSex), encounter.PayerId, diagnoses, procedures, cancellationToken);
        var version = current.Version + 1;
        var updated = encounter with
        {
            Status = EncounterStatus.Coded,
            Diagnoses = diagnoses.Select(d => d with { Code = Icd10CmEdition.Normalize(d.Code) }).ToArray(),
            Procedures = procedures.Select(p => p with { Code = p.Code.Trim().ToUpperInvariant(), Modifiers = p.Modifiers.Select(m => m.Trim().ToUpperInvariant()).ToArray() }).ToArray(),
            Findings = validation.Findings,
            Audit = [.. encounter.Audit, new AuditEntry(actor, "codes set", clock.GetUtcNow(), version)],
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
        var changes = new ChangeSet().Put(Key(encounterId), updated, current.Version).Unindex(WorkQueueIndex, encounterId)
            .Index(FinalizedIndex, encounterId, clock.GetUtcNow().ToUnixTimeMilliseconds());
        await CommitAsync(changes, encounterId, cancellationToken);
        if (!string.IsNullOrWhiteSpace(updated.Documentation) && updated.Diagnoses.Count > 0)
        {
            history?.Add(updated.Documentation, updated.Diagnoses.Select(d => d.Code).ToArray());
        }

        return new Versioned<Encounter>(updated, version);
    }

    /// <summary>The most recently finalized encounters, newest first (for the suggestion history).</summary>
    public async Task<IReadOnlyList<Encounter>> RecentlyFinalizedAsync(int max, CancellationToken cancellationToken)
    {
        var entries = await store.RangeAsync(FinalizedIndex, null, max, descending: true, cancellationToken);
        var encounters = await store.GetManyAsync<Encounter>(entries.Select(e => Key(e.Member)).ToArray(), cancellationToken);
        return encounters.Select(e => e.Value).ToArray();
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

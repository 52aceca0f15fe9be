using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Eligibility.Domain.Model;

namespace RevenueCycle.Eligibility.Domain.UseCases;

/// <summary>Registers a coverage. Field paths in errors follow the <c>RegisterCoverageRequest</c> contract.</summary>
public sealed record RegisterCoverage(
    string PatientId,
    Payer? Payer,
    Subscriber? Subscriber,
    CoveragePriority Priority,
    string PlanName,
    DateOnly? EffectiveDate,
    DateOnly? TerminationDate,
    Benefits Benefits,
    CobProfile? Cob = null);

/// <summary>Coverage registration: who is covered by which payer, the benefits known by hand, and the facts coordination of benefits needs.</summary>
public sealed class CoverageUseCases(IDocumentStore store)
{
    private static string CoverageKey(string id) => $"coverage:{id}";

    public Task<Versioned<Coverage>> RegisterAsync(string idempotencyKey, RegisterCoverage command, CancellationToken cancellationToken)
    {
        Validate(idempotencyKey, command);
        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(command), changes =>
        {
            var coverage = new Coverage(
                "cov_" + Guid.CreateVersion7().ToString("N"), command.PatientId, command.Payer!, command.Subscriber!,
                command.Priority == CoveragePriority.Unspecified ? CoveragePriority.Primary : command.Priority,
                command.PlanName, command.EffectiveDate!.Value, command.TerminationDate, Normalize(command.Benefits))
            {
                Cob = command.Cob ?? CobProfile.Unspecified,
            };
            changes.Put(CoverageKey(coverage.CoverageId), coverage, ChangeSet.New)
                .Index($"coverages-of:{coverage.PatientId}", coverage.CoverageId, (int)coverage.Priority);
            return Task.FromResult(new Versioned<Coverage>(coverage, 1));
        }, cancellationToken: cancellationToken);
    }

    /// <summary>Every coverage registered for the patient, in registered priority.</summary>
    public async Task<IReadOnlyList<Versioned<Coverage>>> ListForPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(patientId, "patient_id", 64).ThrowIfInvalid();
        var ids = await store.RangeAsync($"coverages-of:{patientId}", null, 50, cancellationToken: cancellationToken);
        return await store.GetManyAsync<Coverage>(ids.Select(i => CoverageKey(i.Member)).ToList(), cancellationToken);
    }

    public async Task<Versioned<Coverage>> GetAsync(string coverageId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(coverageId, "coverage_id").ThrowIfInvalid();
        return await store.GetAsync<Coverage>(CoverageKey(coverageId), cancellationToken)
            ?? throw new NotFoundException("Coverage", coverageId);
    }

    private static Benefits Normalize(Benefits b) =>
        b with { PriorAuthorizationCodes = b.PriorAuthorizationCodes.Select(c => c.Trim().ToUpperInvariant()).Distinct().ToArray() };

    private static void Validate(string idempotencyKey, RegisterCoverage c)
    {
        var v = new Validator()
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .RequireText(c.PatientId, "coverage.patient_id", 64)
            .Require(c.Payer is not null, "coverage.payer", "is required")
            .Require(c.Subscriber is not null, "coverage.subscriber", "is required")
            .Require(c.EffectiveDate.HasValue, "coverage.effective_date", "is required");
        if (c.Payer is not null)
        {
            v.RequireText(c.Payer.PayerId, "coverage.payer.payer_id", 80);
        }

        if (c.Subscriber is not null)
        {
            v.RequireText(c.Subscriber.MemberId, "coverage.subscriber.member_id", 80);
        }

        if (c.EffectiveDate is { } start && c.TerminationDate is { } end && end < start)
        {
            v.Add("coverage.termination_date", "is before the effective date");
        }

        if (c.Cob is { } cob)
        {
            v.Require(cob.EmployerSize is >= 0 and <= 10_000_000, "coverage.cob.employer_size", "must be between 0 and 10000000")
                .Require(cob.EsrdCoordinationStart is null || (cob.Kind == CoverageKind.Medicare && cob.Medicare == MedicareBasis.EndStageRenalDisease),
                    "coverage.cob.esrd_coordination_start", "is for Medicare coverage based on ESRD only")
                .Require(cob.Custody == ParentCustody.Unspecified || c.Subscriber?.RelationshipToPatient == BuildingBlocks.Claims.Relationship.Child,
                    "coverage.cob.custody", "is for a coverage of a dependent child only")
                .Require(cob.Medicare == MedicareBasis.Unspecified || cob.Kind == CoverageKind.Medicare, "coverage.cob.medicare_basis", "is for Medicare coverage only");
        }

        var b = c.Benefits;
        foreach (var (amount, field) in new[] { (b.CopayCents, "copay_cents"), (b.DeductibleCents, "deductible_cents"), (b.OutOfPocketMaxCents, "out_of_pocket_max_cents") })
        {
            v.Require(amount <= Money.MaxCents, $"coverage.benefits.{field}", Money.RangeMessage);
        }

        v.Require(b.CopayCents >= 0, "coverage.benefits.copay_cents", "must not be negative")
            .Require(b.CoinsuranceBasisPoints is >= 0 and <= 10_000, "coverage.benefits.coinsurance_basis_points", "must be between 0 and 10000")
            .Require(b.DeductibleCents >= 0, "coverage.benefits.deductible_cents", "must not be negative")
            .Require(b.DeductibleMetCents >= 0 && b.DeductibleMetCents <= b.DeductibleCents, "coverage.benefits.deductible_met_cents", "must be between 0 and the deductible")
            .Require(b.OutOfPocketMaxCents >= 0, "coverage.benefits.out_of_pocket_max_cents", "must not be negative")
            .Require(b.OutOfPocketMetCents >= 0 && (b.OutOfPocketMaxCents == 0 || b.OutOfPocketMetCents <= b.OutOfPocketMaxCents),
                "coverage.benefits.out_of_pocket_met_cents", "must be between 0 and the out-of-pocket maximum");
        v.ThrowIfInvalid();
    }
}

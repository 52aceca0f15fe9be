using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;

namespace RevenueCycle.Coding.Tests.Domain.UseCases;

public sealed class EncounterUseCasesTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
    private readonly EncounterUseCases _encounters;

    public EncounterUseCasesTests() =>
        _encounters = new EncounterUseCases(_store, new ReferenceDataCatalog(DemoPack.Load(_clock)), new DenialStatistics(_store, _clock), _clock);

    private static CreateEncounter Create() => new("pat-1", new DateOnly(2026, 3, 2), "1234567893", "Pt with T2DM, A1c 8.1.", 55, Sex.Female, "12345", "coder-a");

    [Fact]
    public async Task Workflow_DraftCodedFinalized_IsAuditedAndLeavesTheQueue()
    {
        var draft = await _encounters.CreateAsync("k1", Create(), TestContext.Current.CancellationToken);
        Assert.Equal([draft.Value.EncounterId], (await _store.RangeAsync(EncounterUseCases.WorkQueueIndex, null, 10, cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Member));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var coded = await _encounters.SetCodesAsync(draft.Value.EncounterId, 1, [new Diagnosis("e11.9", "")], [new CodedProcedure("g0439", ["rt"], 1, [1])], "coder-b", TestContext.Current.CancellationToken);
        var finalized = await _encounters.FinalizeAsync(draft.Value.EncounterId, coded.Version, "coder-b", TestContext.Current.CancellationToken);

        Assert.Equal(EncounterStatus.Coded, coded.Value.Status);
        Assert.Equal("E119", coded.Value.Diagnoses[0].Code);
        Assert.Equal(["RT"], coded.Value.Procedures[0].Modifiers);
        Assert.Equal(EncounterStatus.Finalized, finalized.Value.Status);
        Assert.Equal(3, finalized.Version);
        Assert.Equal(["created", "codes set", "finalized"], finalized.Value.Audit.Select(a => a.Action));
        Assert.Equal(["coder-a", "coder-b", "coder-b"], finalized.Value.Audit.Select(a => a.Actor));
        Assert.Empty(await _store.RangeAsync(EncounterUseCases.WorkQueueIndex, null, 10, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Finalize_WithRejectFindings_IsRefused()
    {
        var draft = await _encounters.CreateAsync("key-1", Create(), TestContext.Current.CancellationToken);
        var coded = await _encounters.SetCodesAsync(draft.Value.EncounterId, 1, [new Diagnosis("E11", "")], [new CodedProcedure("G0439", [], 1, [1])], "c", TestContext.Current.CancellationToken);

        Assert.Contains(coded.Value.Findings, f => f.RuleId == "DX-NOT-BILLABLE");
        await Assert.ThrowsAsync<PreconditionFailedException>(() => _encounters.FinalizeAsync(draft.Value.EncounterId, coded.Version, "c", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SetCodes_StaleVersion_IsAConflictAndChangesNothing()
    {
        var draft = await _encounters.CreateAsync("key-2", Create(), TestContext.Current.CancellationToken);
        await _encounters.SetCodesAsync(draft.Value.EncounterId, 1, [new Diagnosis("I10", "")], [], "a", TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _encounters.SetCodesAsync(draft.Value.EncounterId, 1, [new Diagnosis("E11.9", "")], [], "b", TestContext.Current.CancellationToken));

        var current = await _encounters.GetAsync(draft.Value.EncounterId, TestContext.Current.CancellationToken);
        Assert.Equal("I10", current.Value.Diagnoses.Single().Code);
        Assert.Equal(2, current.Version);
    }

    [Fact]
    public async Task Create_InvalidRequest_NamesFieldsAndStoresNothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _encounters.CreateAsync("k", Create() with { PatientId = "", DateOfService = null, PatientAgeYears = 130u }, TestContext.Current.CancellationToken));

        Assert.Equal(["patient_id", "date_of_service", "patient_age_years"], error.Violations.Select(v => v.Field));
        Assert.Null(await _store.GetIdempotencyAsync("k", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Documentation_IsStoredButNeverInTheAudit()
    {
        var draft = await _encounters.CreateAsync("key-3", Create(), TestContext.Current.CancellationToken);

        var stored = await _store.GetAsync($"encounter:{draft.Value.EncounterId}", TestContext.Current.CancellationToken);
        Assert.Contains("A1c 8.1", stored!.Json);
        Assert.DoesNotContain(draft.Value.Audit, a => a.Action.Contains("A1c", StringComparison.Ordinal));
    }
}

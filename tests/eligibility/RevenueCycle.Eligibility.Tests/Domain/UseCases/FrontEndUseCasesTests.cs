using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Eligibility.Tests.Domain.UseCases;

/// <summary>The front-end loop: front-end denials become worklist tasks with what was known, and a registrar's fix goes to submission.</summary>
public sealed class FrontEndUseCasesTests
{
    private static readonly DateOnly Dos = new(2026, 3, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDocumentStore _store = new();
    private readonly CoverageUseCases _coverages;
    private readonly EligibilityUseCases _eligibility;
    private readonly AuthorizationUseCases _authorizations;
    private readonly FrontEndUseCases _frontEnd;

    public FrontEndUseCasesTests()
    {
        _coverages = new CoverageUseCases(_store);
        _eligibility = new EligibilityUseCases(_store, new ScriptedExchange(_clock), _coverages, EligibilityOptions.Default, _clock);
        _authorizations = new AuthorizationUseCases(_store, _clock);
        _frontEnd = new FrontEndUseCases(_store, _coverages, _eligibility, _authorizations, _clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimSubmittedIntegrationEvent Submitted(string claimId, string coverageId, int version = 1, string frequency = "1") =>
        new(claimId, version, frequency, "12345", "acct-1", 12_500, [new SubmittedLineCodes($"{claimId}-1", "99213", [], ["E119"], Dos, 1, 12_500)], "11", "pat-1", coverageId);

    private static ClaimDeniedIntegrationEvent Denied(string claimId, string carc, string category, string rootCause = "front-end") =>
        new($"den-{claimId}-{carc}", claimId, "rem-1", "12345", "ICN-" + claimId, $"{claimId}-1", "99213", [], "CO", carc, ["N54"], 12_500, category, rootCause, "map 2026.2", Dos);

    private async Task<string> CoverageAsync(string memberId)
    {
        var coverage = await _coverages.RegisterAsync("cov-" + memberId, CoverageUseCasesTests.Command(memberId), Ct);
        return coverage.Value.CoverageId;
    }

    [Fact]
    public async Task AuthorizationDenial_OpensATaskWithWhatThe271Said_AndTheFixGoesToSubmission()
    {
        var coverageId = await CoverageAsync("W1A");
        await _eligibility.CheckCoverageAsync(coverageId, Dos, ["98"], null, [], Ct); // the 271: authorization required for 2 and 62
        await _frontEnd.HandleAsync(Submitted("C1", coverageId), Ct);
        _clock.Advance(TimeSpan.FromDays(20));

        var denial = Denied("C1", "197", "Authorization");
        await _frontEnd.HandleAsync(denial, Ct);
        await _frontEnd.HandleAsync(denial, Ct); // redelivered: one denial

        var task = Assert.Single((await _frontEnd.ListAsync(FrontEndTaskStatus.Open, 10, "", Ct)).Items);
        Assert.Equal(("C1", "pat-1", coverageId, "ICN-C1"), (task.ClaimId, task.PatientId, task.CoverageId, task.PayerClaimControlNumber));
        Assert.Equal("197", Assert.Single(task.Denials).ReasonCode);
        Assert.StartsWith("snap_", task.SnapshotId);
        Assert.Contains("authorization required for service types 2, 62", task.KnownThen);
        Assert.Contains("rcm auth add", task.Guidance);

        var auth = await _authorizations.CreateAsync("a1", new CreateAuthorization(AuthorizationKind.PriorAuthorization, "PA-1", "12345", "pat-1", coverageId, ["99213"], 1,
            Dos.AddDays(-10), Dos.AddDays(30)), Ct);
        var resolved = await _frontEnd.ResolveAsync(task.TaskId, "", auth.Value.AuthorizationId, "retro-authorization obtained", Ct);
        var again = await _frontEnd.ResolveAsync(task.TaskId, "", auth.Value.AuthorizationId, "", Ct); // a retry: nothing new

        Assert.Equal(FrontEndTaskStatus.Resolved, resolved.Status);
        Assert.Equal(resolved.ResolvedAt, again.ResolvedAt);
        Assert.Empty((await _frontEnd.ListAsync(FrontEndTaskStatus.Open, 10, "", Ct)).Items);
        var published = BuildingBlocks.Storage.DocumentJson.Deserialize<FrontEndCorrectedIntegrationEvent>(
            Assert.Single(await _store.ReadPendingAsync(10, Ct), m => m.Topic == Topics.FrontEndCorrected).Json);
        Assert.Equal(("C1", "ICN-C1", "", auth.Value.AuthorizationId, published.SourceEventId), (published.ClaimId, published.PayerClaimControlNumber, published.CoverageId, published.AuthorizationId, denial.Id));
    }

    [Fact]
    public async Task SeveralDenialsOfOneClaim_AreOneTask_AndCodingDenialsAreNotHere()
    {
        var coverageId = await CoverageAsync("W2I");
        await _frontEnd.HandleAsync(Submitted("C2", coverageId), Ct);

        await _frontEnd.HandleAsync(Denied("C2", "27", "Eligibility"), Ct);
        await _frontEnd.HandleAsync(Denied("C2", "22", "CoordinationOfBenefits"), Ct);
        await _frontEnd.HandleAsync(Denied("C2", "97", "Coding", rootCause: "coding"), Ct);

        var task = Assert.Single((await _frontEnd.ListAsync(FrontEndTaskStatus.Open, 10, "", Ct)).Items);
        Assert.Equal(["27", "22"], task.Denials.Select(d => d.ReasonCode));
        Assert.Contains("eligibility was never checked", task.KnownThen);
        Assert.Contains("rcm eligibility cob", task.Guidance);
    }

    [Fact]
    public async Task ClaimSentAgainCorrectedElsewhere_ClosesTheTask()
    {
        var coverageId = await CoverageAsync("W3I");
        await _frontEnd.HandleAsync(Submitted("C3", coverageId), Ct);
        await _frontEnd.HandleAsync(Denied("C3", "27", "Eligibility"), Ct);
        _clock.Advance(TimeSpan.FromHours(1));

        await _frontEnd.HandleAsync(Submitted("C3", coverageId, version: 2, frequency: "7") with { OccurredAt = _clock.GetUtcNow() }, Ct);

        Assert.Empty((await _frontEnd.ListAsync(FrontEndTaskStatus.Open, 10, "", Ct)).Items);
        Assert.Contains("version 2", Assert.Single((await _frontEnd.ListAsync(FrontEndTaskStatus.Resolved, 10, "", Ct)).Items).Resolution);
    }

    [Fact]
    public async Task Resolve_WithAnotherPatientsCoverageOrNothing_IsAFieldErrorAndChangesNothing()
    {
        var coverageId = await CoverageAsync("W4I");
        await _frontEnd.HandleAsync(Submitted("C4", coverageId), Ct);
        await _frontEnd.HandleAsync(Denied("C4", "27", "Eligibility"), Ct);
        var other = await _coverages.RegisterAsync("other", CoverageUseCasesTests.Command("Z9") with { PatientId = "pat-2" }, Ct);
        var task = Assert.Single((await _frontEnd.ListAsync(FrontEndTaskStatus.Open, 10, "", Ct)).Items);

        var foreign = await Assert.ThrowsAsync<ValidationException>(() => _frontEnd.ResolveAsync(task.TaskId, other.Value.CoverageId, "", "", Ct));
        var empty = await Assert.ThrowsAsync<ValidationException>(() => _frontEnd.ResolveAsync(task.TaskId, "", "", "", Ct));

        Assert.Equal("coverage_id", foreign.Violations.Single().Field);
        Assert.Equal("coverage_id", empty.Violations.Single().Field);
        Assert.Single((await _frontEnd.ListAsync(FrontEndTaskStatus.Open, 10, "", Ct)).Items);
        Assert.DoesNotContain(await _store.ReadPendingAsync(10, Ct), m => m.Topic == Topics.FrontEndCorrected);
    }

    [Fact]
    public async Task Rejection_ByThePayersFrontEnd_IsATaskToo()
    {
        await _frontEnd.HandleAsync(new ClaimRejectedIntegrationEvent("C5", 1, "12345", "277CA", "front-end", ["A7:164:IL"], "entity's contract/member number not found"), Ct);

        var task = Assert.Single((await _frontEnd.ListAsync(FrontEndTaskStatus.Open, 10, "", Ct)).Items);
        Assert.Equal(("277CA", "A7:164:IL"), (task.Denials[0].Source, task.Denials[0].ReasonCode));
        Assert.Contains("could not identify the member", task.Guidance);
    }
    [Fact]
    public async Task DenialBeforeItsClaimSubmitted_TheTaskLearnsTheCoverageWhenItArrives()
    {
        var coverageId = await CoverageAsync("W6A");
        await _eligibility.CheckCoverageAsync(coverageId, Dos, [], null, [], Ct);

        await _frontEnd.HandleAsync(Denied("C6", "197", "Authorization"), Ct);
        await _frontEnd.HandleAsync(Submitted("C6", coverageId), Ct);

        var task = Assert.Single((await _frontEnd.ListAsync(FrontEndTaskStatus.Open, 10, "", Ct)).Items);
        Assert.Equal(("pat-1", coverageId), (task.PatientId, task.CoverageId));
        Assert.StartsWith("snap_", task.SnapshotId);
        Assert.Contains("authorization required", task.KnownThen);
    }
}

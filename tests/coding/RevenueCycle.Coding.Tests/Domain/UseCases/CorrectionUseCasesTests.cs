using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;

namespace RevenueCycle.Coding.Tests.Domain.UseCases;

public sealed class CorrectionUseCasesTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly CorrectionUseCases _corrections;

    public CorrectionUseCasesTests() =>
        _corrections = new CorrectionUseCases(_store, new ReferenceDataCatalog(DemoPack.Load(TimeProvider.System)), new DenialStatistics(_store, TimeProvider.System),
            new FakeTimeProvider(new DateTimeOffset(2026, 4, 10, 0, 0, 0, TimeSpan.Zero)));

    public static ClaimDeniedIntegrationEvent Denial(string rootCause = "coding", string carc = "97") => new(
        "den_1", "C0000000000000000001", "rem_1", "12345", "ICN-778899", "C0000000000000000001-1", "99214", ["25"], "CO", carc, ["M15"], 12_500,
        rootCause == "coding" ? "Coding" : "Authorization", rootCause, "test map", new DateOnly(2026, 3, 2));

    [Fact]
    public async Task CodingDenial_OpensOneTaskEvenWhenRedelivered()
    {
        var denial = Denial();

        await _corrections.HandleAsync(denial, TestContext.Current.CancellationToken);
        await _corrections.HandleAsync(denial, TestContext.Current.CancellationToken);

        var page = await _corrections.ListAsync(CorrectionStatus.Open, 10, "", TestContext.Current.CancellationToken);
        var task = Assert.Single(page.Items);
        Assert.Equal("ICN-778899", task.PayerClaimControlNumber);
        Assert.Equal("97", task.ReasonCode);
        Assert.Equal(denial.Id, task.SourceEventId);
        Assert.Equal(new DateOnly(2026, 3, 2), task.ServiceDate);
    }

    [Fact]
    public async Task ClaimCorrectedOutsideTheQueue_ClosesItsOpenTasks_ButNotLaterOnesOrOtherClaims()
    {
        var ct = TestContext.Current.CancellationToken;
        await _corrections.HandleAsync(Denial(), ct);
        await _corrections.HandleAsync(Denial() with { Id = "den_other", ClaimId = "C0000000000000000009" }, ct);
        var taskCreatedAt = (await _corrections.ListAsync(CorrectionStatus.Open, 10, "", ct)).Items[0].CreatedAt;
        static ClaimSubmittedIntegrationEvent Version(int number, DateTimeOffset at) =>
            new("C0000000000000000001", number, number == 1 ? "1" : "7", "12345", "acct-1", 12_500, []) { Id = $"sub-{number}", OccurredAt = at };

        await _corrections.HandleAsync(Version(1, taskCreatedAt.AddMinutes(1)), ct); // an original says nothing about a correction
        Assert.Equal(2, (await _corrections.ListAsync(CorrectionStatus.Open, 10, "", ct)).Items.Count);

        await _corrections.HandleAsync(Version(2, taskCreatedAt.AddMinutes(2)), ct); // billing's rcm claims correct

        var open = Assert.Single((await _corrections.ListAsync(CorrectionStatus.Open, 10, "", ct)).Items);
        Assert.Equal("C0000000000000000009", open.ClaimId);
        var closed = Assert.Single((await _corrections.ListAsync(CorrectionStatus.Completed, 10, "", ct)).Items);
        Assert.Equal(("C0000000000000000001", "the claim was corrected outside the coding queue: version 2 submitted"), (closed.ClaimId, closed.Resolution));
    }

    [Fact]
    public async Task VersionSubmittedBeforeTheTaskWasOpened_DeliveredLate_LeavesTheTaskOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        await _corrections.HandleAsync(Denial(), ct); // the task opens on 2026-04-10 (the denial of version 2)

        // Version 2's own claim-submitted, which happened before, arrives late: it corrected nothing the task is about.
        await _corrections.HandleAsync(new ClaimSubmittedIntegrationEvent("C0000000000000000001", 2, "7", "12345", "acct-1", 12_500, []) { OccurredAt = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) }, ct);

        Assert.Single((await _corrections.ListAsync(CorrectionStatus.Open, 10, "", ct)).Items);
    }

    [Fact]
    public async Task CodingRejection_OpensAClaimLevelTask_AndOtherRejectionsDoNot()
    {
        var coding = new ClaimRejectedIntegrationEvent("C0000000000000000002", 1, "12345", "277CA", "coding", ["A7:454:"], "procedure code invalid");

        await _corrections.HandleAsync(coding, TestContext.Current.CancellationToken);
        await _corrections.HandleAsync(coding, TestContext.Current.CancellationToken);
        await _corrections.HandleAsync(coding with { ClaimId = "C3", RootCause = "front-end" }, TestContext.Current.CancellationToken);

        var task = Assert.Single((await _corrections.ListAsync(CorrectionStatus.Open, 10, "", TestContext.Current.CancellationToken)).Items);
        Assert.Equal(("C0000000000000000002", "", "", "A7:454:"), (task.ClaimId, task.PayerClaimControlNumber, task.LineItemControlNumber, task.ReasonCode));
        Assert.Equal(["277CA"], task.RemarkCodes);
    }

    [Fact]
    public async Task BillingDenial_OpensNoCodingTask()
    {
        await _corrections.HandleAsync(Denial("billing", "197"), TestContext.Current.CancellationToken);

        Assert.Empty((await _corrections.ListAsync(CorrectionStatus.Open, 10, "", TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task Complete_PublishesCodingCorrectedInTheSameCommit()
    {
        var denial = Denial();
        await _corrections.HandleAsync(denial, TestContext.Current.CancellationToken);
        var taskId = (await _corrections.ListAsync(CorrectionStatus.Open, 10, "", TestContext.Current.CancellationToken)).Items[0].TaskId;

        var completed = await _corrections.CompleteAsync(taskId, "fix-1", [new Diagnosis("E11.9", "")],
            [new CorrectedLine("C0000000000000000001-1", "G0439", [], 1, [1])], "coder-a", TestContext.Current.CancellationToken);
        var retry = await _corrections.CompleteAsync(taskId, "fix-1", [new Diagnosis("E11.9", "")],
            [new CorrectedLine("C0000000000000000001-1", "G0439", [], 1, [1])], "coder-a", TestContext.Current.CancellationToken);

        Assert.Equal(CorrectionStatus.Completed, completed.Status);
        Assert.Equal(completed.CompletedAt, retry.CompletedAt);
        var message = Assert.Single(await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
        Assert.Equal(Topics.CodingCorrected, message.Topic);
        var published = JsonSerializer.Deserialize<CodingCorrectedIntegrationEvent>(message.Json, DocumentJson.Options)!;
        Assert.Equal("ICN-778899", published.PayerClaimControlNumber);
        Assert.Equal(["E119"], published.DiagnosisCodes);
        Assert.Equal("G0439", published.Lines.Single().ProcedureCode);
        Assert.Empty((await _corrections.ListAsync(CorrectionStatus.Open, 10, "", TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task Complete_InvalidCorrectedCodes_IsRefusedAndTheTaskStaysOpen()
    {
        await _corrections.HandleAsync(Denial(), TestContext.Current.CancellationToken);
        var taskId = (await _corrections.ListAsync(CorrectionStatus.Open, 10, "", TestContext.Current.CancellationToken)).Items[0].TaskId;

        var error = await Assert.ThrowsAsync<ValidationException>(() => _corrections.CompleteAsync(taskId, "fix-2", [new Diagnosis("E11", "")],
            [new CorrectedLine("L1", "G0439", [], 1, [1])], "coder-a", TestContext.Current.CancellationToken));

        Assert.Equal("corrected_diagnoses[0].code", error.Violations.Single().Field);
        Assert.Single((await _corrections.ListAsync(CorrectionStatus.Open, 10, "", TestContext.Current.CancellationToken)).Items);
        Assert.Empty(await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task List_PagesOldestFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await _corrections.HandleAsync(Denial() with { Id = $"evt-{i}" }, TestContext.Current.CancellationToken);
        }

        var first = await _corrections.ListAsync(CorrectionStatus.Open, 2, "", TestContext.Current.CancellationToken);
        var second = await _corrections.ListAsync(CorrectionStatus.Open, 2, first.NextPageToken, TestContext.Current.CancellationToken);
        var third = await _corrections.ListAsync(CorrectionStatus.Open, 2, second.NextPageToken, TestContext.Current.CancellationToken);

        Assert.Equal(5, first.Items.Concat(second.Items).Concat(third.Items).Select(t => t.TaskId).Distinct().Count());
        Assert.Equal("", third.NextPageToken);
    }

    [Fact]
    public async Task List_CompletingTasksWhilePaging_SkipsNone()
    {
        for (var i = 0; i < 4; i++)
        {
            await _corrections.HandleAsync(Denial() with { Id = $"evt-{i}" }, TestContext.Current.CancellationToken);
        }

        var first = await _corrections.ListAsync(CorrectionStatus.Open, 2, "", TestContext.Current.CancellationToken);
        foreach (var task in first.Items)
        {
            await _corrections.CompleteAsync(task.TaskId, $"fix-{task.TaskId}", [], [new CorrectedLine(task.LineItemControlNumber, "G0439", [], 1, [])], "coder", TestContext.Current.CancellationToken);
        }

        var second = await _corrections.ListAsync(CorrectionStatus.Open, 2, first.NextPageToken, TestContext.Current.CancellationToken);

        Assert.Equal(2, second.Items.Count);
        Assert.Empty(first.Items.Select(t => t.TaskId).Intersect(second.Items.Select(t => t.TaskId)));
    }

    [Fact]
    public async Task List_ForgedToken_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _corrections.ListAsync(CorrectionStatus.Open, 2, "not a token!", TestContext.Current.CancellationToken));

        Assert.Equal("page_token", error.Violations.Single().Field);
    }
}

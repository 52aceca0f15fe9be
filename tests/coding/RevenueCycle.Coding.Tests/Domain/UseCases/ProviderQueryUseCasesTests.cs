using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;

namespace RevenueCycle.Coding.Tests.Domain.UseCases;

public sealed class ProviderQueryUseCasesTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
    private readonly EncounterUseCases _encounters;
    private readonly ProviderQueryUseCases _queries;

    public ProviderQueryUseCasesTests()
    {
        _encounters = new EncounterUseCases(_store, new ReferenceDataCatalog(DemoPack.Load(_clock)), new DenialStatistics(_store, _clock), _clock);
        _queries = new ProviderQueryUseCases(_store, _encounters, _clock);
    }

    private async Task<string> EncounterAsync(string key = "e1")
    {
        _clock.Advance(TimeSpan.FromMinutes(1)); // queue order is arrival order
        return (await _encounters.CreateAsync(key, new CreateEncounter("pat-1", new DateOnly(2026, 3, 2), "1234567893", "Diabetes follow-up.", 60, Sex.Male, "", "coder"), TestContext.Current.CancellationToken)).Value.EncounterId;
    }

    [Fact]
    public async Task AskThenAnswer_IsTrackedAndAudited()
    {
        var encounterId = await EncounterAsync();

        var asked = await _queries.AskAsync(encounterId, "q1", "Is the diabetes type 1 or type 2?", "coder-a", TestContext.Current.CancellationToken);
        var retry = await _queries.AskAsync(encounterId, "q1", "Is the diabetes type 1 or type 2?", "coder-a", TestContext.Current.CancellationToken);
        var open = await _queries.ListAsync("", QueryStatus.Open, 10, "", TestContext.Current.CancellationToken);
        var answered = await _queries.AnswerAsync(asked.QueryId, "Type 2, on metformin.", "dr-b", TestContext.Current.CancellationToken);
        var again = await _queries.AnswerAsync(asked.QueryId, "Type 2, on metformin.", "dr-b", TestContext.Current.CancellationToken);

        Assert.Equal(asked.QueryId, retry.QueryId);
        Assert.Equal([asked.QueryId], open.Items.Select(q => q.QueryId));
        Assert.Equal((QueryStatus.Answered, "dr-b"), (answered.Status, answered.AnsweredBy));
        Assert.Equal(answered.AnsweredAt, again.AnsweredAt);
        Assert.Empty((await _queries.ListAsync("", QueryStatus.Open, 10, "", TestContext.Current.CancellationToken)).Items);
        Assert.Single((await _queries.ListAsync(encounterId, QueryStatus.Unspecified, 10, "", TestContext.Current.CancellationToken)).Items);
        var audit = (await _encounters.GetAsync(encounterId, TestContext.Current.CancellationToken)).Value.Audit.Select(a => a.Action).ToArray();
        Assert.Equal(["created", $"provider query {asked.QueryId} asked", $"provider query {asked.QueryId} answered"], audit);
    }

    [Fact]
    public async Task AnsweringDifferently_AfterAnAnswer_IsRefused()
    {
        var asked = await _queries.AskAsync(await EncounterAsync(), "q1", "Laterality of the knee pain?", "coder", TestContext.Current.CancellationToken);
        await _queries.AnswerAsync(asked.QueryId, "Right knee.", "dr", TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => _queries.AnswerAsync(asked.QueryId, "Left knee.", "dr", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ask_EmptyQuestionOrNoKey_NamesTheFields()
    {
        var encounterId = await EncounterAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => _queries.AskAsync(encounterId, "", " ", "coder", TestContext.Current.CancellationToken));

        Assert.Equal(["idempotency_key", "question"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task WorkQueue_ListsDraftsOldestFirst_AndDropsFinalized()
    {
        var first = await EncounterAsync("a");
        var second = await EncounterAsync("b");
        var third = await EncounterAsync("c");
        var coded = await _encounters.SetCodesAsync(second, 1, [new Diagnosis("E11.9", "")], [new CodedProcedure("G0439", [], 1, [1])], "coder", TestContext.Current.CancellationToken);
        await _encounters.FinalizeAsync(second, coded.Version, "coder", TestContext.Current.CancellationToken);

        var page = await _encounters.WorkQueueAsync(1, "", TestContext.Current.CancellationToken);
        var next = await _encounters.WorkQueueAsync(5, page.NextPageToken, TestContext.Current.CancellationToken);

        Assert.Equal([first], page.Items.Select(e => e.Value.EncounterId));
        Assert.Equal([third], next.Items.Select(e => e.Value.EncounterId));
    }
}

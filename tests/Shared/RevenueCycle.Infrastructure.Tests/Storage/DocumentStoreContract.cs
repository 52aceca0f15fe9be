using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Infrastructure.Tests.Storage;

/// <summary>The behaviour every document-store adapter must have; run against memory and a real Redis.</summary>
public abstract class DocumentStoreContract
{
    protected abstract (IDocumentStore Store, IOutboxStore Outbox) NewStore();

    private sealed record Note(string Text);

    [Fact]
    public async Task Put_New_ReadsBackAtVersionOne()
    {
        var (store, _) = NewStore();

        var outcome = await store.CommitAsync(new ChangeSet().Put("note:1", new Note("a"), ChangeSet.New), TestContext.Current.CancellationToken);

        Assert.True(outcome.IsCommitted);
        var read = await store.GetAsync<Note>("note:1", TestContext.Current.CancellationToken);
        Assert.Equal(new Note("a"), read!.Value);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task Put_NewWhenExists_ConflictsAndKeepsOriginal()
    {
        var (store, _) = NewStore();
        await store.CommitAsync(new ChangeSet().Put("note:1", new Note("a"), ChangeSet.New), TestContext.Current.CancellationToken);

        var outcome = await store.CommitAsync(new ChangeSet().Put("note:1", new Note("b"), ChangeSet.New), TestContext.Current.CancellationToken);

        Assert.Equal(CommitStatus.VersionConflict, outcome.Status);
        Assert.Equal("note:1", outcome.ConflictingKey);
        Assert.Equal(new Note("a"), (await store.GetAsync<Note>("note:1", TestContext.Current.CancellationToken))!.Value);
    }

    [Fact]
    public async Task Put_StaleVersion_Conflicts()
    {
        var (store, _) = NewStore();
        await store.CommitAsync(new ChangeSet().Put("note:1", new Note("a"), ChangeSet.New), TestContext.Current.CancellationToken);
        await store.CommitAsync(new ChangeSet().Put("note:1", new Note("b"), 1), TestContext.Current.CancellationToken);

        var stale = await store.CommitAsync(new ChangeSet().Put("note:1", new Note("c"), 1), TestContext.Current.CancellationToken);

        Assert.Equal(CommitStatus.VersionConflict, stale.Status);
        var read = await store.GetAsync<Note>("note:1", TestContext.Current.CancellationToken);
        Assert.Equal(new Note("b"), read!.Value);
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public async Task Commit_OneConditionFails_NothingIsApplied()
    {
        var (store, outbox) = NewStore();
        await store.CommitAsync(new ChangeSet().Put("note:taken", new Note("x"), ChangeSet.New), TestContext.Current.CancellationToken);
        var changes = new ChangeSet()
            .Put("note:fresh", new Note("y"), ChangeSet.New)
            .Put("note:taken", new Note("z"), ChangeSet.New)
            .Index("ix", "fresh", 1)
            .Publish(SampleEvent())
            .RecordIdempotency("key-1", "fp", "\"r\"");

        var outcome = await store.CommitAsync(changes, TestContext.Current.CancellationToken);

        Assert.Equal(CommitStatus.VersionConflict, outcome.Status);
        Assert.Null(await store.GetAsync("note:fresh", TestContext.Current.CancellationToken));
        Assert.Empty(await store.RangeAsync("ix", null, 10, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await store.GetIdempotencyAsync("key-1", TestContext.Current.CancellationToken));
        Assert.Empty(await outbox.ReadPendingAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Idempotency_SecondCommitWithSameKey_IsRefused()
    {
        var (store, _) = NewStore();
        await store.CommitAsync(new ChangeSet().RecordIdempotency("key-1", "fp-1", "\"first\""), TestContext.Current.CancellationToken);

        var second = await store.CommitAsync(new ChangeSet().Put("note:2", new Note("b"), ChangeSet.New).RecordIdempotency("key-1", "fp-2", "\"second\""), TestContext.Current.CancellationToken);

        Assert.Equal(CommitStatus.IdempotencyKeyTaken, second.Status);
        Assert.Equal(new IdempotencyRecord("fp-1", "\"first\""), await store.GetIdempotencyAsync("key-1", TestContext.Current.CancellationToken));
        Assert.Null(await store.GetAsync("note:2", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HandleOnce_SameEventTwice_AppliesOnce()
    {
        var (store, _) = NewStore();
        var applied = 0;

        var first = await store.HandleOnceAsync("evt-1", c => { applied++; c.Put($"note:{applied}", new Note("x"), ChangeSet.New); return Task.CompletedTask; }, TestContext.Current.CancellationToken);
        var second = await store.HandleOnceAsync("evt-1", c => { applied++; c.Put($"note:{applied}", new Note("x"), ChangeSet.New); return Task.CompletedTask; }, TestContext.Current.CancellationToken);

        Assert.True(first);
        Assert.False(second);
        Assert.NotNull(await store.GetAsync("note:1", TestContext.Current.CancellationToken));
        Assert.Null(await store.GetAsync("note:2", TestContext.Current.CancellationToken));
    }

    private static async Task<string[]> Members(IDocumentStore store, IndexEntry? after, int take, bool descending = false) =>
        (await store.RangeAsync("ix", after, take, descending, TestContext.Current.CancellationToken)).Select(e => e.Member).ToArray();

    [Fact]
    public async Task Range_OrdersByScoreThenMember_AndRemoves()
    {
        var (store, _) = NewStore();
        await store.CommitAsync(new ChangeSet().Index("ix", "c", 3).Index("ix", "a", 1).Index("ix", "b", 2).Index("ix", "d", 4).Index("ix", "d2", 4), TestContext.Current.CancellationToken);
        await store.CommitAsync(new ChangeSet().Unindex("ix", "b").Index("ix", "a", 5), TestContext.Current.CancellationToken);

        Assert.Equal(["c", "d", "d2", "a"], await Members(store, null, 10));
        Assert.Equal(["a", "d2"], await Members(store, null, 2, descending: true));
    }

    [Fact]
    public async Task Range_AfterACursor_NeitherSkipsNorRepeatsWhenTheIndexChanges()
    {
        var (store, _) = NewStore();
        await store.CommitAsync(new ChangeSet().Index("ix", "t1", 10).Index("ix", "t2", 20).Index("ix", "t3", 20).Index("ix", "t4", 30).Index("ix", "t5", 40), TestContext.Current.CancellationToken);
        var first = await store.RangeAsync("ix", null, 2, cancellationToken: TestContext.Current.CancellationToken);

        // Between pages: the first page's entries are worked off the queue and a new one arrives at the end.
        await store.CommitAsync(new ChangeSet().Unindex("ix", "t1").Unindex("ix", "t2").Index("ix", "t6", 50), TestContext.Current.CancellationToken);
        var second = await Members(store, first[^1], 2);
        var third = await Members(store, new IndexEntry("t4", 30), 10);

        Assert.Equal(["t1", "t2"], first.Select(e => e.Member));
        Assert.Equal(["t3", "t4"], second); // t3 shares t2's score and still comes next
        Assert.Equal(["t5", "t6"], third);
    }

    [Fact]
    public async Task Counters_AddUpAcrossCommits()
    {
        var (store, _) = NewStore();
        await store.CommitAsync(new ChangeSet().Increment("rate", "scrubbed", 1).Increment("rate", "clean", 1), TestContext.Current.CancellationToken);
        await store.CommitAsync(new ChangeSet().Increment("rate", "scrubbed", 1), TestContext.Current.CancellationToken);

        var counters = await store.GetCountersAsync("rate", TestContext.Current.CancellationToken);

        Assert.Equal((2L, 1L), (counters["scrubbed"], counters["clean"]));
        Assert.Empty(await store.GetCountersAsync("none", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Outbox_KeepsMessagesInOrderUntilAcknowledged()
    {
        var (store, outbox) = NewStore();
        var first = SampleEvent();
        var second = SampleEvent();
        await store.CommitAsync(new ChangeSet().Publish(first), TestContext.Current.CancellationToken);
        await store.CommitAsync(new ChangeSet().Publish(second), TestContext.Current.CancellationToken);

        var pending = await outbox.ReadPendingAsync(10, TestContext.Current.CancellationToken);
        Assert.Equal([first.Id, second.Id], pending.Select(m => m.Id));
        Assert.All(pending, m => Assert.Equal(Topics.ClaimAdjudicated, m.Topic));

        await outbox.AcknowledgeAsync(pending[0], TestContext.Current.CancellationToken);
        var rest = await outbox.ReadPendingAsync(10, TestContext.Current.CancellationToken);
        Assert.Equal([second.Id], rest.Select(m => m.Id));
    }

    [Fact]
    public async Task GetMany_SkipsAbsentAndKeepsOrder()
    {
        var (store, _) = NewStore();
        await store.CommitAsync(new ChangeSet().Put("n:1", new Note("1"), ChangeSet.New).Put("n:3", new Note("3"), ChangeSet.New), TestContext.Current.CancellationToken);

        var many = await store.GetManyAsync<Note>(["n:3", "n:2", "n:1"], TestContext.Current.CancellationToken);

        Assert.Equal(["3", "1"], many.Select(n => n.Value.Text));
    }

    protected static ClaimAdjudicatedIntegrationEvent SampleEvent() =>
        new("C1", "rem-1", "12345", "ICN1", "1", 10_000, 8_000, 1_000, 1_000, "acct-1");
}

public sealed class InMemoryDocumentStoreTests : DocumentStoreContract
{
    protected override (IDocumentStore Store, IOutboxStore Outbox) NewStore()
    {
        var store = new InMemoryDocumentStore();
        return (store, store);
    }
}

using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Testing;
using StackExchange.Redis;

namespace RevenueCycle.Infrastructure.Tests.Storage;

[RequiresRedis]
public sealed class RedisDocumentStoreTests(RedisFixture redis) : DocumentStoreContract, IClassFixture<RedisFixture>, IDisposable
{
    private readonly List<IConnectionMultiplexer> _connections = [];

    protected override (IDocumentStore Store, IOutboxStore Outbox) NewStore()
    {
        var store = Open(redis.NewConnectionString(), "svc");
        return (store, store);
    }

    private RedisDocumentStore Open(string connectionString, string service, TimeSpan? claimIdle = null)
    {
        var connection = redis.Connect(connectionString);
        _connections.Add(connection);
        return new RedisDocumentStore(connection, service, new OutboxSignal(), TimeSpan.FromDays(1), claimIdle ?? TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Keys_ArePrefixedWithTheServiceHashTag()
    {
        var connectionString = redis.NewConnectionString();
        var store = Open(connectionString, "coding");

        await store.CommitAsync(new ChangeSet().Put("encounter:1", "x", ChangeSet.New).Index("queue", "1", 1), TestContext.Current.CancellationToken);

        var server = _connections[^1].GetServers()[0];
        var database = _connections[^1].GetDatabase().Database;
        var keys = server.Keys(database, "*").Select(k => k.ToString()).Order().ToArray();
        Assert.Equal(["{coding}:doc:encounter:1", "{coding}:ix:queue"], keys);
    }

    [Fact]
    public async Task ConcurrentWriters_OnOneVersion_ExactlyOneWins()
    {
        var (store, _) = NewStore();
        await store.CommitAsync(new ChangeSet().Put("counter", 0, ChangeSet.New), TestContext.Current.CancellationToken);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            store.CommitAsync(new ChangeSet().Put("counter", i, 1), TestContext.Current.CancellationToken)));

        Assert.Equal(1, outcomes.Count(o => o.IsCommitted));
        Assert.Equal(2, (await store.GetAsync("counter", TestContext.Current.CancellationToken))!.Version);
    }

    [Fact]
    public async Task Outbox_UnacknowledgedMessageOfADeadRelay_IsTakenOverAfterTheClaimTimeout()
    {
        var connectionString = redis.NewConnectionString();
        var dead = Open(connectionString, "posting", TimeSpan.FromMilliseconds(200));
        await dead.CommitAsync(new ChangeSet().Publish(SampleEvent()), TestContext.Current.CancellationToken);
        var taken = await dead.ReadPendingAsync(10, TestContext.Current.CancellationToken); // read, then the process "dies" before acknowledging
        Assert.Single(taken);

        var restarted = Open(connectionString, "posting", TimeSpan.FromMilliseconds(200));
        Assert.Empty(await restarted.ReadPendingAsync(10, TestContext.Current.CancellationToken)); // still owned by the dead relay
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var recovered = await restarted.ReadPendingAsync(10, TestContext.Current.CancellationToken);

        Assert.Equal(taken.Select(m => m.Id), recovered.Select(m => m.Id));
        await restarted.AcknowledgeAsync(recovered[0], TestContext.Current.CancellationToken);
        Assert.Equal(0, await restarted.OutboxLengthAsync());
    }

    [Fact]
    public async Task Outbox_ABacklogOfFailingMessages_LeavesHalfTheBatchToNewOnes_AndTheRestToMoreOfTheBacklog()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = Open(redis.NewConnectionString(), "posting");
        var changes = new ChangeSet();
        for (var i = 0; i < 30; i++)
        {
            changes.Publish(SampleEvent());
        }

        await store.CommitAsync(changes, ct);
        var backlog = new List<string>();
        for (var pass = 0; pass < 6; pass++)
        {
            backlog.AddRange((await store.ReadPendingAsync(10, ct)).Select(m => m.Id)); // a subscriber down: none acknowledged
        }

        var fresh = SampleEvent();
        await store.CommitAsync(new ChangeSet().Publish(fresh), ct);
        var batch = await store.ReadPendingAsync(10, ct);
        var quiet = await store.ReadPendingAsync(10, ct);

        Assert.Equal(30, backlog.Distinct().Count());
        Assert.Contains(fresh.Id, batch.Select(m => m.Id)); // 30 failing ahead of it, and it still goes out
        Assert.Equal(10, batch.Count);
        Assert.Equal(10, quiet.Count); // nothing new: the whole batch is backlog again
    }

    [Fact]
    public async Task Outbox_FailedMessageIsReReadWithNewOnes_AndAHandDeletedOneIsCleared()
    {
        var store = Open(redis.NewConnectionString(), "posting");
        await store.CommitAsync(new ChangeSet().Publish(SampleEvent()).Publish(SampleEvent()), TestContext.Current.CancellationToken);
        var first = await store.ReadPendingAsync(10, TestContext.Current.CancellationToken); // both taken, neither acknowledged
        await store.CommitAsync(new ChangeSet().Publish(SampleEvent()), TestContext.Current.CancellationToken);
        var connection = _connections[^1];
        var ids = await connection.GetDatabase().StreamRangeAsync("{posting}:outbox");
        await connection.GetDatabase().StreamDeleteAsync("{posting}:outbox", [ids[0].Id]); // an operator removes a poison message

        var again = await store.ReadPendingAsync(10, TestContext.Current.CancellationToken);
        var pending = await connection.GetDatabase().StreamPendingAsync("{posting}:outbox", "relay");

        Assert.Equal(2, first.Count);
        Assert.Equal(2, again.Count); // the surviving pending one and the new one
        Assert.Equal(2, pending.PendingMessageCount); // the deleted entry was acknowledged away
    }

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }
}

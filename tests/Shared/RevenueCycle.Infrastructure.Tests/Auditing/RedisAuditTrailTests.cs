using RevenueCycle.Infrastructure.Auditing;
using RevenueCycle.Testing;
using StackExchange.Redis;

namespace RevenueCycle.Infrastructure.Tests.Auditing;

[RequiresRedis]
public sealed class RedisAuditTrailTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private static readonly AuditChain Chain = new("test-chain-key");
    private readonly List<IConnectionMultiplexer> _connections = [];

    private (RedisAuditTrail Trail, IDatabase Db) Open(string connectionString)
    {
        var connection = redis.Connect(connectionString);
        _connections.Add(connection);
        return (new RedisAuditTrail(connection, "coding", Chain), connection.GetDatabase());
    }

    [Fact]
    public async Task TwoReplicasAppendingAtOnce_MakeOneUnbrokenChain()
    {
        var connectionString = redis.NewConnectionString();
        var (a, _) = Open(connectionString);
        var (b, db) = Open(connectionString);

        await Task.WhenAll(Enumerable.Range(1, 200).Select(n => (n % 2 == 0 ? a : b).AppendAsync(AuditChainTests.Record(n), TestContext.Current.CancellationToken)));

        var result = await a.VerifyAsync(Chain, TestContext.Current.CancellationToken);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(200, result.Records);
        var ids = new List<long>();
        await foreach (var entry in b.ReadAsync("", TestContext.Current.CancellationToken))
        {
            ids.Add(entry.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 200).Select(n => (long)n), ids);
        Assert.Equal(200, await db.StreamLengthAsync("{coding}:audit:chain"));
    }

    [Fact]
    public async Task ARecordRewrittenInRedis_IsFound()
    {
        var (trail, db) = Open(redis.NewConnectionString());
        for (var n = 1; n <= 5; n++)
        {
            await trail.AppendAsync(AuditChainTests.Record(n), TestContext.Current.CancellationToken);
        }

        // Someone with Redis access deletes record 2 and writes it back with another actor and the same hashes; Redis
        // refuses an id below the stream's top, so it lands at the end, and the chain breaks at 2.
        var original = (await db.StreamRangeAsync("{coding}:audit:chain", "-", "+"))[1];
        await db.StreamDeleteAsync("{coding}:audit:chain", [original.Id]);
        await db.ExecuteAsync("XADD", "{coding}:audit:chain", "*", "seq", original["seq"], "prev", original["prev"], "r",
            original["r"].ToString().Replace("coder-17", "nobody", StringComparison.Ordinal), "h", original["h"]);

        var result = await trail.VerifyAsync(Chain, TestContext.Current.CancellationToken);

        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBadSequence);
    }

    [Fact]
    public async Task ADeletedRecord_AndADeletedTail_AreFound()
    {
        var (trail, db) = Open(redis.NewConnectionString());
        for (var n = 1; n <= 5; n++)
        {
            await trail.AppendAsync(AuditChainTests.Record(n), TestContext.Current.CancellationToken);
        }

        var ids = (await db.StreamRangeAsync("{coding}:audit:chain", "-", "+")).Select(e => e.Id).ToArray();
        await db.StreamDeleteAsync("{coding}:audit:chain", [ids[4]]);
        Assert.Equal(
            "the trail ends at record 4 but its head is record 5: records were removed from the end",
            (await trail.VerifyAsync(Chain, TestContext.Current.CancellationToken)).Problem);

        await db.StreamDeleteAsync("{coding}:audit:chain", [ids[2]]);
        Assert.Equal(
            "record 3 is missing: the trail goes from record 2 to record 4",
            (await trail.VerifyAsync(Chain, TestContext.Current.CancellationToken)).Problem);
    }

    [Fact]
    public async Task AnEntrySlippedIntoTheStream_DoesNotBlockTheNextAppend_ButBreaksTheChain()
    {
        var (trail, db) = Open(redis.NewConnectionString());
        await trail.AppendAsync(AuditChainTests.Record(1), TestContext.Current.CancellationToken);
        await db.StreamAddAsync("{coding}:audit:chain", [new("seq", "2"), new("prev", "x"), new("r", "{}"), new("h", "00")]);

        var next = await trail.AppendAsync(AuditChainTests.Record(2), TestContext.Current.CancellationToken);

        Assert.Equal(2, next.Sequence);
        Assert.Equal("record 2 does not follow record 1: its link to the previous record is broken", (await trail.VerifyAsync(Chain, TestContext.Current.CancellationToken)).Problem);
    }

    [Fact]
    public async Task AnAppendAfterAnotherReplicaMovedTheHead_RechainsOnIt()
    {
        var connectionString = redis.NewConnectionString();
        var (a, _) = Open(connectionString);
        var (b, _) = Open(connectionString);
        await a.AppendAsync(AuditChainTests.Record(1), TestContext.Current.CancellationToken); // a caches head 1
        await b.AppendAsync(AuditChainTests.Record(2), TestContext.Current.CancellationToken); // b reads head 1, writes 2

        var third = await a.AppendAsync(AuditChainTests.Record(3), TestContext.Current.CancellationToken); // a's cached head is stale

        Assert.Equal(3, third.Sequence);
        Assert.True((await a.VerifyAsync(Chain, TestContext.Current.CancellationToken)).Intact);
    }

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }
}

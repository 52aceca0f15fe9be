using System.Collections.Concurrent;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using StackExchange.Redis;

namespace RevenueCycle.Infrastructure.Storage;

/// <summary>
/// The document store on Redis. Every key starts with <c>{service}:</c>: the braces are a Redis Cluster hash tag,
/// so one service's keys share a slot and a MULTI/EXEC transaction can span its documents, indexes, idempotency
/// records and outbox stream. Documents are hashes (<c>v</c> version, <c>d</c> JSON); version checks are
/// transaction conditions, so two writers racing on one document cannot both win.
/// </summary>
public sealed class RedisDocumentStore : IDocumentStore, IOutboxStore
{
    private const string RelayGroup = "relay";
    private static readonly RedisValue[] DocumentFields = ["v", "d"];

    private readonly IConnectionMultiplexer _redis;
    private readonly OutboxSignal _signal;
    private readonly string _prefix;
    private readonly RedisKey _outboxKey;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _claimIdle;
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    // Stream entry ids of messages handed to the relay, by event id: OutboxMessage itself stays transport-neutral.
    private readonly ConcurrentDictionary<string, RedisValue> _entryIds = new(StringComparer.Ordinal);
    private int _groupReady;

    public RedisDocumentStore(IConnectionMultiplexer redis, string service, OutboxSignal signal, TimeSpan retention, TimeSpan claimIdle)
    {
        _redis = redis;
        _signal = signal;
        _prefix = "{" + service + "}:";
        _outboxKey = _prefix + "outbox";
        _retention = retention;
        _claimIdle = claimIdle;
    }

    private IDatabase Db => _redis.GetDatabase();

    public async Task<StoredDocument?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var values = await Db.HashGetAsync(DocumentKey(key), DocumentFields);
        return ToDocument(key, values);
    }

    public async Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var batch = Db.CreateBatch();
        var reads = keys.Select(k => batch.HashGetAsync(DocumentKey(k), DocumentFields)).ToArray();
        batch.Execute();
        var results = await Task.WhenAll(reads);
        return keys.Select((k, i) => ToDocument(k, results[i])).OfType<StoredDocument>().ToArray();
    }

    public async Task<IReadOnlyList<IndexEntry>> RangeAsync(string index, IndexEntry? after, int take, bool descending = false, CancellationToken cancellationToken = default)
    {
        var result = new List<IndexEntry>(Math.Max(take, 0));
        var (from, to) = descending
            ? (double.NegativeInfinity, after?.Score ?? double.PositiveInfinity)
            : (after?.Score ?? double.NegativeInfinity, double.PositiveInfinity);
        long offset = 0;
        // Entries sharing the cursor's score come first; step over those not after it (rare: scores are times).
        while (result.Count < take)
        {
            var batch = await Db.SortedSetRangeByScoreWithScoresAsync(IndexKey(index), from, to, Exclude.None, descending ? Order.Descending : Order.Ascending, offset, take);
            if (batch.Length == 0)
            {
                break;
            }

            offset += batch.Length;
            result.AddRange(batch.Select(e => new IndexEntry(e.Element.ToString(), e.Score)).Where(e => after is null || e.IsAfter(after, descending)).Take(take - result.Count));
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string key, CancellationToken cancellationToken = default)
    {
        var fields = await Db.HashGetAllAsync(_prefix + "ctr:" + key);
        return fields.ToDictionary(f => f.Name.ToString(), f => (long)f.Value, StringComparer.Ordinal);
    }

    public async Task<IdempotencyRecord?> GetIdempotencyAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var values = await Db.HashGetAsync(IdempotencyKey(idempotencyKey), ["f", "r"]);
        return values[0].IsNull ? null : new IdempotencyRecord(values[0].ToString(), values[1].ToString());
    }

    public async Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        var tx = Db.CreateTransaction();

        ConditionResult? handled = null;
        if (changes.HandledEventId is { } eventId)
        {
            var key = _prefix + "handled:" + eventId;
            handled = tx.AddCondition(Condition.KeyNotExists(key));
            _ = tx.StringSetAsync(key, "1", _retention);
        }

        ConditionResult? idempotency = null;
        if (changes.Idempotency is { } record)
        {
            var key = IdempotencyKey(record.Key);
            idempotency = tx.AddCondition(Condition.KeyNotExists(key));
            _ = tx.HashSetAsync(key, [new HashEntry("f", record.Fingerprint), new HashEntry("r", record.ResultJson)]);
            _ = tx.KeyExpireAsync(key, _retention);
        }

        var versionChecks = new List<(string Key, ConditionResult Condition)>(changes.Writes.Count);
        foreach (var write in changes.Writes)
        {
            var key = DocumentKey(write.Key);
            var condition = write.ExpectedVersion == ChangeSet.New
                ? Condition.KeyNotExists(key)
                : Condition.HashEqual(key, "v", write.ExpectedVersion);
            versionChecks.Add((write.Key, tx.AddCondition(condition)));
            _ = tx.HashSetAsync(key, [new HashEntry("v", write.ExpectedVersion + 1), new HashEntry("d", write.Json)]);
        }

        foreach (var change in changes.IndexChanges)
        {
            _ = change.Remove
                ? tx.SortedSetRemoveAsync(IndexKey(change.Index), change.Member)
                : tx.SortedSetAddAsync(IndexKey(change.Index), change.Member, change.Score);
        }

        foreach (var increment in changes.Increments)
        {
            _ = tx.HashIncrementAsync(_prefix + "ctr:" + increment.Key, increment.Field, increment.Delta);
        }

        foreach (var message in changes.Outbox)
        {
            _ = tx.StreamAddAsync(_outboxKey, ToEntries(message));
        }

        if (await tx.ExecuteAsync())
        {
            if (changes.Outbox.Count > 0)
            {
                _signal.Notify();
            }

            return CommitResult.Committed;
        }

        if (handled is { WasSatisfied: false })
        {
            return new CommitResult(CommitStatus.AlreadyHandled, changes.HandledEventId);
        }

        if (idempotency is { WasSatisfied: false })
        {
            return new CommitResult(CommitStatus.IdempotencyKeyTaken, changes.Idempotency!.Key);
        }

        // Every condition held but EXEC aborted: a watched key changed in between. ConflictingKey null = retry.
        var conflict = versionChecks.FirstOrDefault(c => !c.Condition.WasSatisfied);
        return new CommitResult(CommitStatus.VersionConflict, conflict.Key);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken)
    {
        await EnsureRelayGroupAsync();

        // Our own unacknowledged messages (publishes that failed), then messages another relay took and left
        // unacknowledged longer than the claim timeout (it died), then new ones — all in one batch, with half of it
        // kept for new ones, so even a backlog of messages that keep failing (a subscriber down for hours) does not
        // hold back the others; what is left of the batch goes to more of the backlog.
        var share = Math.Max(1, max / 2);
        var entries = new List<StreamEntry>(await Db.StreamReadGroupAsync(_outboxKey, RelayGroup, _consumer, "0", share));
        var backlogFrom = entries.Count == share ? entries[^1].Id : (RedisValue?)null;
        if (entries.Count < share)
        {
            var claimed = await Db.StreamAutoClaimAsync(_outboxKey, RelayGroup, _consumer, (long)_claimIdle.TotalMilliseconds, "0-0", share - entries.Count);
            entries.AddRange(claimed.ClaimedEntries);
            foreach (var deleted in claimed.DeletedIds)
            {
                await Db.StreamAcknowledgeAsync(_outboxKey, RelayGroup, deleted);
            }
        }

        if (entries.Count < max)
        {
            entries.AddRange(await Db.StreamReadGroupAsync(_outboxKey, RelayGroup, _consumer, ">", max - entries.Count));
        }

        if (backlogFrom is { } after && entries.Count < max)
        {
            // Pending entries after the last one read: XREADGROUP with an id reads this consumer's own backlog from there.
            entries.AddRange(await Db.StreamReadGroupAsync(_outboxKey, RelayGroup, _consumer, after, max - entries.Count));
        }

        // An entry removed by hand (XDEL) while pending comes back empty: acknowledge it so it is not read forever.
        foreach (var removed in entries.Where(e => e.IsNull || e.Values.Length == 0))
        {
            await Db.StreamAcknowledgeAsync(_outboxKey, RelayGroup, removed.Id);
        }

        return entries.Where(e => !e.IsNull && e.Values.Length > 0).DistinctBy(e => e.Id).Select(ToMessage).ToArray();
    }

    public async Task AcknowledgeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (_entryIds.TryRemove(message.Id, out var entryId))
        {
            var tx = Db.CreateTransaction();
            _ = tx.StreamAcknowledgeAsync(_outboxKey, RelayGroup, entryId);
            _ = tx.StreamDeleteAsync(_outboxKey, [entryId]);
            await tx.ExecuteAsync();
        }
    }

    public Task WaitForMessagesAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>Number of events written to the outbox and not yet acknowledged (for readiness and tests).</summary>
    public async Task<long> OutboxLengthAsync() => await Db.StreamLengthAsync(_outboxKey);

    private OutboxMessage ToMessage(StreamEntry entry)
    {
        var message = new OutboxMessage(
            entry["id"].ToString(),
            entry["topic"].ToString(),
            entry["data"].ToString(),
            DateTimeOffset.FromUnixTimeMilliseconds((long)entry["at"]));
        _entryIds[message.Id] = entry.Id;
        return message;
    }

    private static NameValueEntry[] ToEntries(OutboxMessage message) =>
    [
        new("id", message.Id),
        new("topic", message.Topic),
        new("data", message.Json),
        new("at", message.OccurredAt.ToUnixTimeMilliseconds()),
    ];

    private async Task EnsureRelayGroupAsync()
    {
        if (Volatile.Read(ref _groupReady) == 1)
        {
            return;
        }

        try
        {
            await Db.StreamCreateConsumerGroupAsync(_outboxKey, RelayGroup, "0-0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica created it first.
        }

        // Each process start is a new consumer; forget those of processes long gone that hold nothing.
        foreach (var consumer in await Db.StreamConsumerInfoAsync(_outboxKey, RelayGroup))
        {
            if (consumer.Name != _consumer && consumer.PendingMessageCount == 0 && consumer.IdleTimeInMilliseconds > _claimIdle.TotalMilliseconds * 10)
            {
                await Db.StreamDeleteConsumerAsync(_outboxKey, RelayGroup, consumer.Name);
            }
        }

        Volatile.Write(ref _groupReady, 1);
    }

    private static StoredDocument? ToDocument(string key, RedisValue[] values) =>
        values[0].IsNull ? null : new StoredDocument(key, values[1].ToString(), (long)values[0]);

    private RedisKey DocumentKey(string key) => _prefix + "doc:" + key;

    private RedisKey IndexKey(string index) => _prefix + "ix:" + index;

    private RedisKey IdempotencyKey(string key) => _prefix + "idem:" + key;
}

using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace RevenueCycle.Infrastructure.Auditing;

/// <summary>The audit trail of reads and writes of PHI-bearing records (HIPAA audit controls): append-only, hash-chained.</summary>
public interface IAuditTrail
{
    /// <summary>Appends the record to the chain; throws when it cannot be written (the caller fails closed).</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken);

    /// <summary>Entries in stored order after the one at <paramref name="after"/> (an entry's <see cref="AuditEntry.Position"/>; "" from the start).</summary>
    IAsyncEnumerable<AuditEntry> ReadAsync(string after, CancellationToken cancellationToken);

    /// <summary>The newest records first.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadLatestAsync(int max, CancellationToken cancellationToken);
}

public static class AuditTrailExtensions
{
    /// <summary>Reads the head first, then the entries, so records appended meanwhile are not taken for a break.</summary>
    public static async Task<AuditVerification> VerifyAsync(this IAuditTrail trail, AuditChain chain, CancellationToken cancellationToken)
    {
        var head = await trail.ReadHeadAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        await foreach (var entry in trail.ReadAsync("", cancellationToken))
        {
            if (entry.Sequence > head.Sequence && head != AuditHead.Empty)
            {
                break;
            }

            entries.Add(entry);
        }

        return chain.Verify(entries, head);
    }
}

/// <summary>
/// The trail as a Redis stream <c>{service}:audit:chain</c> (the sequence number a field of each entry, the stream
/// choosing its ids, so an entry someone slipped in cannot block the next append), and its head in
/// <c>{service}:audit:head</c>. An append is a compare-and-set on the head (a script), so replicas of a service
/// writing at once still make one chain: the loser re-chains on the new head and tries again.
/// </summary>
public sealed class RedisAuditTrail(IConnectionMultiplexer redis, string service, AuditChain chain) : IAuditTrail
{
    private const int PageSize = 1000;
    private const int MaxAttempts = 50;

    // KEYS: stream, head. ARGV: expected sequence, expected hash, new sequence, previous hash, record, new hash.
    private static readonly LuaScript Append = LuaScript.Prepare("""
        local head = redis.call('HMGET', @head, 'seq', 'hash')
        local seq = head[1] or '0'
        local hash = head[2] or ''
        if seq ~= @expectedSeq or hash ~= @expectedHash then return {0, seq, hash} end
        redis.call('XADD', @stream, '*', 'seq', @newSeq, 'prev', @expectedHash, 'r', @record, 'h', @newHash)
        redis.call('HSET', @head, 'seq', @newSeq, 'hash', @newHash)
        return {1, @newSeq, @newHash}
        """);

    private readonly RedisKey _stream = "{" + service + "}:audit:chain"; // beside the unchained {service}:audit of earlier versions
    private readonly RedisKey _head = "{" + service + "}:audit:head";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuditHead? _cachedHead;

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var head = _cachedHead ?? await ReadHeadAsync(cancellationToken);
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                if (attempt > 0)
                {
                    // Lost the head to another replica: back off a random while, or the two keep racing in step.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1 << Math.Min(attempt, 6))), cancellationToken);
                }

                var entry = chain.Next(head, record);
                var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Append, new
                {
                    stream = _stream,
                    head = _head,
                    expectedSeq = head.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    expectedHash = head.Hash,
                    newSeq = entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    record = entry.RecordJson,
                    newHash = entry.Hash,
                }))!;
                head = new AuditHead(long.Parse(result[1].ToString(), System.Globalization.CultureInfo.InvariantCulture), result[2].ToString());
                _cachedHead = head;
                if ((int)result[0] == 1)
                {
                    return entry;
                }
            }

            throw new InvalidOperationException($"The audit trail is contended: {MaxAttempts} appends lost the race for its head.");
        }
        catch
        {
            _cachedHead = null; // re-read after any failure: the write may or may not have landed
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var values = await redis.GetDatabase().HashGetAsync(_head, ["seq", "hash"]);
        return values[0].IsNull ? AuditHead.Empty : new AuditHead((long)values[0], values[1].ToString());
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(string after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RedisValue from = after.Length == 0 ? "-" : "(" + after;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await redis.GetDatabase().StreamRangeAsync(_stream, from, "+", PageSize);
            foreach (var e in page)
            {
                yield return ToEntry(e);
            }

            if (page.Length < PageSize)
            {
                yield break;
            }

            from = "(" + page[^1].Id;
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadLatestAsync(int max, CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(_stream, "-", "+", max, Order.Descending);
        return entries.Select(e => ToEntry(e).Record).ToArray();
    }

    /// <summary>An entry without a readable sequence (written by hand) gets -1, which no chain position has.</summary>
    private static AuditEntry ToEntry(StreamEntry e) => new(
        long.TryParse(e["seq"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence) ? sequence : -1,
        e["prev"].ToString(), e["r"].ToString(), e["h"].ToString()) { Position = e.Id.ToString() };
}

/// <summary>The trail in memory, for the single-process run and tests; the same chain as in Redis.</summary>
public sealed class InMemoryAuditTrail(AuditChain chain) : IAuditTrail
{
    private readonly List<AuditEntry> _entries = [];
    private readonly Lock _lock = new();

    public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var entry = chain.Next(_entries.Count == 0 ? AuditHead.Empty : new AuditHead(_entries[^1].Sequence, _entries[^1].Hash), record);
            entry = entry with { Position = entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            _entries.Add(entry);
            return Task.FromResult(entry);
        }
    }

    public Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.Count == 0 ? AuditHead.Empty : new AuditHead(_entries[^1].Sequence, _entries[^1].Hash));
        }
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(string after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AuditEntry[] snapshot;
        lock (_lock)
        {
            var start = after.Length == 0 ? 0 : _entries.FindIndex(e => e.Position == after) + 1;
            snapshot = _entries.Skip(start).ToArray();
        }

        foreach (var entry in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditRecord>> ReadLatestAsync(int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AuditRecord>>(_entries.AsEnumerable().Reverse().Take(max).Select(e => e.Record).ToArray());
        }
    }
}

using System.Collections.Concurrent;
using RevenueCycle.BuildingBlocks.Storage;
using StackExchange.Redis;

namespace RevenueCycle.Infrastructure.Auditing;

/// <summary>
/// One access to a service's data: who (<see cref="Actor"/>: the gateway client, and the person the request
/// named, "coder-17 via ehr-interface"), what (operation and the identifiers it touched), when, and the outcome.
/// Identifiers only: the trail says which record was read, never what it contains.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    string Service,
    string Operation,
    string Actor,
    string Outcome,
    IReadOnlyDictionary<string, string> Resources,
    string CorrelationId);

/// <summary>The audit trail of reads and writes of PHI-bearing records (HIPAA audit controls).</summary>
public interface IAuditTrail
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>The newest records first.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadLatestAsync(int max, CancellationToken cancellationToken);
}

/// <summary>The trail as a Redis stream <c>{service}:audit</c>, append-only and never trimmed by the service.</summary>
public sealed class RedisAuditTrail(IConnectionMultiplexer redis, string service) : IAuditTrail
{
    private readonly RedisKey _key = "{" + service + "}:audit";

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        redis.GetDatabase().StreamAddAsync(_key, [new NameValueEntry("r", DocumentJson.Serialize(record))]);

    public async Task<IReadOnlyList<AuditRecord>> ReadLatestAsync(int max, CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(_key, "-", "+", max, Order.Descending);
        return entries.Select(e => DocumentJson.Deserialize<AuditRecord>(e["r"].ToString())).ToArray();
    }
}

/// <summary>The trail in memory, for the single-process run and tests.</summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly ConcurrentQueue<AuditRecord> _records = new();

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        _records.Enqueue(record);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditRecord>> ReadLatestAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditRecord>>(_records.Reverse().Take(max).ToArray());
}

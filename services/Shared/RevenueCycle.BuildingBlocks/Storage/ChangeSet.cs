using System.Text.Json;
using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.Storage;

/// <summary>
/// Everything one use case changes, committed atomically: document writes guarded by their expected versions,
/// index updates, integration events for the outbox, an idempotency record and a handled-event marker.
/// </summary>
public sealed class ChangeSet
{
    /// <summary>Expected version meaning "the document must not exist yet".</summary>
    public const long New = 0;

    private readonly List<DocumentWrite> _writes = [];
    private readonly List<IndexChange> _indexChanges = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<CounterIncrement> _increments = [];

    public IReadOnlyList<DocumentWrite> Writes => _writes;
    public IReadOnlyList<IndexChange> IndexChanges => _indexChanges;
    public IReadOnlyList<OutboxMessage> Outbox => _outbox;
    public IReadOnlyList<CounterIncrement> Increments => _increments;
    public IdempotencyWrite? Idempotency { get; private set; }
    public string? HandledEventId { get; private set; }

    public bool IsEmpty => _writes.Count == 0 && _indexChanges.Count == 0 && _outbox.Count == 0 && _increments.Count == 0 && Idempotency is null && HandledEventId is null;

    /// <summary>
    /// Writes a document; the commit fails unless it is at <paramref name="expectedVersion"/> (<see cref="New"/> for a
    /// new one). Once committed the document is at <paramref name="expectedVersion"/> + 1 (every store keeps this).
    /// </summary>
    public ChangeSet Put<T>(string key, T document, long expectedVersion)
    {
        if (_writes.Any(w => w.Key == key))
        {
            throw new InvalidOperationException($"Document '{key}' is written twice in one change set.");
        }

        _writes.Add(new DocumentWrite(key, JsonSerializer.Serialize(document, DocumentJson.Options), expectedVersion));
        return this;
    }

    public ChangeSet Index(string index, string member, double score)
    {
        _indexChanges.Add(new IndexChange(index, member, score, Remove: false));
        return this;
    }

    public ChangeSet Unindex(string index, string member)
    {
        _indexChanges.Add(new IndexChange(index, member, 0, Remove: true));
        return this;
    }

    /// <summary>Adds to a counter without a version check: many writers may count at once (rates, totals).</summary>
    public ChangeSet Increment(string key, string field, long delta)
    {
        _increments.Add(new CounterIncrement(key, field, delta));
        return this;
    }

    /// <summary>Queues an integration event in the outbox of the same commit, so it is published if and only if the state changes.</summary>
    public ChangeSet Publish(IntegrationEvent integrationEvent)
    {
        _outbox.Add(OutboxMessage.From(integrationEvent));
        return this;
    }

    /// <summary>Records the result under the idempotency key; the commit fails if another request took the key first.</summary>
    public ChangeSet RecordIdempotency(string key, string fingerprint, string resultJson)
    {
        Idempotency = new IdempotencyWrite(key, fingerprint, resultJson);
        return this;
    }

    /// <summary>Marks an integration event handled; the commit is refused (<see cref="CommitStatus.AlreadyHandled"/>) if it was before.</summary>
    public ChangeSet MarkHandled(string eventId)
    {
        HandledEventId = eventId;
        return this;
    }
}

public sealed record DocumentWrite(string Key, string Json, long ExpectedVersion);

public sealed record IndexChange(string Index, string Member, double Score, bool Remove);

public sealed record CounterIncrement(string Key, string Field, long Delta);

public sealed record IdempotencyWrite(string Key, string Fingerprint, string ResultJson);

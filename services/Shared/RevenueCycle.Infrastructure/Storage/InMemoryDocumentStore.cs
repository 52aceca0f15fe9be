using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;

namespace RevenueCycle.Infrastructure.Storage;

/// <summary>
/// The document store in process memory, for the single-process run and tests. Same semantics as the Redis
/// adapter (versions, conditions, outbox), one lock for atomicity; state is lost when the process ends.
/// </summary>
public sealed class InMemoryDocumentStore(OutboxSignal signal) : IDocumentStore, IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<(double Score, string Member)>> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, double>> _indexScores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdempotencyRecord> _idempotency = new(StringComparer.Ordinal);
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
    private readonly List<OutboxMessage> _outbox = [];
    private readonly Dictionary<string, Dictionary<string, long>> _counters = new(StringComparer.Ordinal);

    public InMemoryDocumentStore() : this(new OutboxSignal()) { }

    public Task<StoredDocument?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_documents.GetValueOrDefault(key));
        }
    }

    public Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredDocument> found = keys.Select(k => _documents.GetValueOrDefault(k)).OfType<StoredDocument>().ToArray();
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<IndexEntry>> RangeAsync(string index, IndexEntry? after, int take, bool descending = false, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_indexes.TryGetValue(index, out var set))
            {
                return Task.FromResult<IReadOnlyList<IndexEntry>>([]);
            }

            var ordered = (descending ? set.Reverse() : set).Select(e => new IndexEntry(e.Member, e.Score));
            IReadOnlyList<IndexEntry> page = ordered.Where(e => after is null || e.IsAfter(after, descending)).Take(take).ToArray();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, long> counters = _counters.TryGetValue(key, out var fields) ? new Dictionary<string, long>(fields) : new Dictionary<string, long>();
            return Task.FromResult(counters);
        }
    }

    public Task<IdempotencyRecord?> GetIdempotencyAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_idempotency.GetValueOrDefault(idempotencyKey));
        }
    }

    public Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var refused = Check(changes);
            if (refused is not null)
            {
                return Task.FromResult(refused);
            }

            foreach (var write in changes.Writes)
            {
                var version = _documents.TryGetValue(write.Key, out var current) ? current.Version + 1 : 1;
                _documents[write.Key] = new StoredDocument(write.Key, write.Json, version);
            }

            foreach (var change in changes.IndexChanges)
            {
                ApplyIndexChange(change);
            }

            if (changes.Idempotency is { } idempotency)
            {
                _idempotency[idempotency.Key] = new IdempotencyRecord(idempotency.Fingerprint, idempotency.ResultJson);
            }

            if (changes.HandledEventId is { } eventId)
            {
                _handled.Add(eventId);
            }

            foreach (var increment in changes.Increments)
            {
                var fields = _counters.TryGetValue(increment.Key, out var existing) ? existing : _counters[increment.Key] = new Dictionary<string, long>(StringComparer.Ordinal);
                fields[increment.Field] = fields.GetValueOrDefault(increment.Field) + increment.Delta;
            }

            _outbox.AddRange(changes.Outbox);
        }

        if (changes.Outbox.Count > 0)
        {
            signal.Notify();
        }

        return Task.FromResult(CommitResult.Committed);
    }

    public Task<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<OutboxMessage> pending = _outbox.Take(max).ToArray();
            return Task.FromResult(pending);
        }
    }

    public Task AcknowledgeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _outbox.RemoveAll(m => m.Id == message.Id);
        }

        return Task.CompletedTask;
    }

    public Task WaitForMessagesAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    private CommitResult? Check(ChangeSet changes)
    {
        if (changes.HandledEventId is { } eventId && _handled.Contains(eventId))
        {
            return new CommitResult(CommitStatus.AlreadyHandled, eventId);
        }

        if (changes.Idempotency is { } idempotency && _idempotency.ContainsKey(idempotency.Key))
        {
            return new CommitResult(CommitStatus.IdempotencyKeyTaken, idempotency.Key);
        }

        foreach (var write in changes.Writes)
        {
            var currentVersion = _documents.TryGetValue(write.Key, out var current) ? current.Version : ChangeSet.New;
            if (currentVersion != write.ExpectedVersion)
            {
                return new CommitResult(CommitStatus.VersionConflict, write.Key);
            }
        }

        return null;
    }

    private void ApplyIndexChange(IndexChange change)
    {
        if (!_indexes.TryGetValue(change.Index, out var set))
        {
            set = new SortedSet<(double, string)>(Comparer<(double Score, string Member)>.Create(
                (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(a.Member, b.Member)));
            _indexes[change.Index] = set;
            _indexScores[change.Index] = new Dictionary<string, double>(StringComparer.Ordinal);
        }

        var scores = _indexScores[change.Index];
        if (scores.Remove(change.Member, out var oldScore))
        {
            set.Remove((oldScore, change.Member));
        }

        if (!change.Remove)
        {
            set.Add((change.Score, change.Member));
            scores[change.Member] = change.Score;
        }
    }
}

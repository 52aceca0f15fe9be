namespace RevenueCycle.BuildingBlocks.Storage;

/// <summary>A stored JSON document and the version it is at (1 after the first write).</summary>
public sealed record StoredDocument(string Key, string Json, long Version);

/// <summary>One member of a sorted index and its score.</summary>
public sealed record IndexEntry(string Member, double Score)
{
    /// <summary>Whether this entry comes after <paramref name="cursor"/> in the given order.</summary>
    public bool IsAfter(IndexEntry cursor, bool descending)
    {
        var order = Score != cursor.Score ? Score.CompareTo(cursor.Score) : string.CompareOrdinal(Member, cursor.Member);
        return descending ? order < 0 : order > 0;
    }
}

/// <summary>What a previous request with the same idempotency key stored: the request's fingerprint and its result.</summary>
public sealed record IdempotencyRecord(string Fingerprint, string ResultJson);

/// <summary>
/// The storage port every service's domain uses: JSON documents with versions, sorted indexes, an outbox of
/// integration events, idempotency records and handled-event markers, all changed together by one atomic
/// <see cref="CommitAsync"/>. Each service gets its own instance whose keys are prefixed with the service name;
/// adapters exist for Redis (production) and memory (single-process run and tests).
/// </summary>
public interface IDocumentStore
{
    /// <summary>Reads one document, or null when absent.</summary>
    Task<StoredDocument?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Reads several documents; absent ones are skipped, order follows <paramref name="keys"/>.</summary>
    Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Members of a sorted index in score order (ties by member, ordinal), strictly after <paramref name="after"/>
    /// (null: from the start). A cursor rather than an offset, so entries added or removed while someone pages
    /// are neither skipped nor repeated.
    /// </summary>
    Task<IReadOnlyList<IndexEntry>> RangeAsync(string index, IndexEntry? after, int take, bool descending = false, CancellationToken cancellationToken = default);

    /// <summary>Counters written by <see cref="ChangeSet.Increment"/>; absent fields are zero.</summary>
    Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Looks up what an earlier request with this idempotency key stored.</summary>
    Task<IdempotencyRecord?> GetIdempotencyAsync(string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Applies every change in the set atomically, or none of them when a condition fails.</summary>
    Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default);
}

/// <summary>Outcome of <see cref="IDocumentStore.CommitAsync"/>.</summary>
public enum CommitStatus
{
    Committed,
    /// <summary>
    /// A document was not at the expected version (or already existed when it had to be new), named by
    /// <see cref="CommitResult.ConflictingKey"/>; with no key, the store lost a race it cannot attribute (Redis
    /// aborted EXEC because a watched key changed) and the caller should read again and retry.
    /// </summary>
    VersionConflict,
    /// <summary>Another request committed with the same idempotency key first.</summary>
    IdempotencyKeyTaken,
    /// <summary>The integration event was already handled; nothing was applied.</summary>
    AlreadyHandled,
}

public sealed record CommitResult(CommitStatus Status, string? ConflictingKey = null)
{
    public static readonly CommitResult Committed = new(CommitStatus.Committed);

    public bool IsCommitted => Status == CommitStatus.Committed;
}

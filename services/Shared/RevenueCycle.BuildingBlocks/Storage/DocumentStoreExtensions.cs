using System.Security.Cryptography;
using System.Text;
using RevenueCycle.BuildingBlocks.Errors;

namespace RevenueCycle.BuildingBlocks.Storage;

/// <summary>A typed document and its version.</summary>
public sealed record Versioned<T>(T Value, long Version);

public static class DocumentStoreExtensions
{
    private const int MaxAttempts = 8;

    public static async Task<Versioned<T>?> GetAsync<T>(this IDocumentStore store, string key, CancellationToken cancellationToken = default)
    {
        var document = await store.GetAsync(key, cancellationToken);
        return document is null ? null : new Versioned<T>(DocumentJson.Deserialize<T>(document.Json), document.Version);
    }

    public static async Task<IReadOnlyList<Versioned<T>>> GetManyAsync<T>(this IDocumentStore store, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var documents = await store.GetManyAsync(keys, cancellationToken);
        return documents.Select(d => new Versioned<T>(DocumentJson.Deserialize<T>(d.Json), d.Version)).ToArray();
    }

    /// <summary>
    /// Runs a command at most once per idempotency key. <paramref name="execute"/> reads what it needs, fills the
    /// change set and returns the result; the result is stored with the changes in one commit. A retry with the same
    /// key and request returns the stored result; the same key with a different request is refused. When
    /// <paramref name="retryOnConflict"/> is set, a version conflict re-runs <paramref name="execute"/> on fresh state.
    /// </summary>
    public static async Task<TResult> ExecuteAsync<TResult>(
        this IDocumentStore store,
        string? idempotencyKey,
        string fingerprint,
        Func<ChangeSet, Task<TResult>> execute,
        bool retryOnConflict = false,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!string.IsNullOrEmpty(idempotencyKey))
            {
                var previous = await store.GetIdempotencyAsync(idempotencyKey, cancellationToken);
                if (previous is not null)
                {
                    return previous.Fingerprint == fingerprint
                        ? DocumentJson.Deserialize<TResult>(previous.ResultJson)
                        : throw new IdempotencyKeyReusedException(idempotencyKey);
                }
            }

            var changes = new ChangeSet();
            var result = await execute(changes);
            if (!string.IsNullOrEmpty(idempotencyKey))
            {
                changes.RecordIdempotency(idempotencyKey, fingerprint, DocumentJson.Serialize(result));
            }

            var outcome = await store.CommitAsync(changes, cancellationToken);
            switch (outcome.Status)
            {
                case CommitStatus.Committed:
                    return result;
                case CommitStatus.IdempotencyKeyTaken:
                    continue; // a concurrent retry won: the next pass returns its stored result
                case CommitStatus.VersionConflict when (retryOnConflict || outcome.ConflictingKey is null) && attempt < MaxAttempts:
                    continue; // no key: the transaction lost a race without a failed condition; look again
                case CommitStatus.VersionConflict:
                    throw new ConcurrencyConflictException("document", outcome.ConflictingKey ?? "?");
                default:
                    throw new InvalidOperationException($"Unexpected commit outcome {outcome.Status}.");
            }
        }
    }

    /// <summary>
    /// Handles an integration event exactly once: <paramref name="apply"/> fills the change set, which is committed
    /// with the event's handled marker. Returns false when the event had been handled before.
    /// Version conflicts re-run <paramref name="apply"/> on fresh state.
    /// </summary>
    public static async Task<bool> HandleOnceAsync(this IDocumentStore store, string eventId, Func<ChangeSet, Task> apply, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var changes = new ChangeSet().MarkHandled(eventId);
            await apply(changes);
            var outcome = await store.CommitAsync(changes, cancellationToken);
            switch (outcome.Status)
            {
                case CommitStatus.Committed:
                    return true;
                case CommitStatus.AlreadyHandled:
                    return false;
                case CommitStatus.VersionConflict when attempt < MaxAttempts:
                    continue;
                default:
                    throw new InvalidOperationException($"Event '{eventId}' could not be applied: {outcome.Status} on {outcome.ConflictingKey}.");
            }
        }
    }

    /// <summary>A stable fingerprint of a request, to tell a retry from a different request under the same key.</summary>
    public static string Fingerprint<T>(T request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(DocumentJson.Serialize(request))));
}

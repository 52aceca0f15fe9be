using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RevenueCycle.BuildingBlocks.Storage;

namespace RevenueCycle.Messaging;

/// <summary>An event this service could not handle, kept for an operator to inspect and replay.</summary>
public sealed record DeadLetter(string EventId, string Topic, string Json, string Reason, DateTimeOffset RecordedAt, DateTimeOffset? ReplayedAt = null);

/// <summary>
/// Keeps undeliverable events in the service's own store (events carry no PHI), so a poison message is set aside
/// without being lost. Recording the same event twice keeps the first record.
/// </summary>
public sealed class DeadLetterStore(IDocumentStore store, TimeProvider clock)
{
    public const string Index = "deadletters";

    private static string Key(string topic, string eventId) => $"deadletter:{topic}:{eventId}";

    public async Task RecordAsync(string topic, string json, string reason, CancellationToken cancellationToken)
    {
        var eventId = TryReadId(json) ?? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32];
        var key = Key(topic, eventId);
        var now = clock.GetUtcNow();
        var changes = new ChangeSet()
            .Put(key, new DeadLetter(eventId, topic, json, reason, now), ChangeSet.New)
            .Index(Index, key, now.ToUnixTimeMilliseconds());
        await store.CommitAsync(changes, cancellationToken); // a conflict means it is already recorded
    }

    /// <summary>
    /// Hands a waiting dead letter to <paramref name="handle"/> (the dispatcher) again; handled, it leaves the list and
    /// its record is kept, marked replayed. Null when there is no such dead letter waiting; a handler's exception
    /// propagates and the dead letter stays.
    /// </summary>
    public async Task<DeadLetter?> ReplayAsync(string topic, string eventId, Func<DeadLetter, Task> handle, CancellationToken cancellationToken)
    {
        var key = Key(topic, eventId);
        var current = await store.GetAsync<DeadLetter>(key, cancellationToken);
        if (current is not { Value.ReplayedAt: null })
        {
            return null;
        }

        await handle(current.Value);
        var replayed = current.Value with { ReplayedAt = clock.GetUtcNow() };
        // A conflict: someone replayed it at the same moment; the handler de-duplicated on the event id either way.
        await store.CommitAsync(new ChangeSet().Put(key, replayed, current.Version).Unindex(Index, key), cancellationToken);
        return replayed;
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int take, CancellationToken cancellationToken)
    {
        var entries = await store.RangeAsync(Index, null, take, descending: true, cancellationToken);
        var documents = await store.GetManyAsync<DeadLetter>(entries.Select(e => e.Member).ToArray(), cancellationToken);
        return documents.Select(d => d.Value).ToArray();
    }

    private static string? TryReadId(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

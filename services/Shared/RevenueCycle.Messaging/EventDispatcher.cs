using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;

namespace RevenueCycle.Messaging;

/// <summary>A topic this service subscribes to and how to hand its events to the handler.</summary>
public sealed record EventSubscription(
    string Topic,
    Type EventType,
    Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> Invoke);

/// <summary>An event payload that can never be handled (bad JSON, no id); retrying cannot help, so it is dead-lettered at once.</summary>
public sealed class MalformedEventException(string topic, string reason) : Exception($"Malformed {topic} event: {reason}");

/// <summary>
/// Turns a delivered payload into a typed event and runs its handler in a fresh DI scope. Every transport
/// (Dapr endpoint, in-process bus, direct HTTP) ends here, so all deliver the same way.
/// </summary>
public sealed class EventDispatcher(IServiceScopeFactory scopes, IEnumerable<EventSubscription> subscriptions)
{
    private readonly Dictionary<string, EventSubscription> _byTopic = subscriptions.ToDictionary(s => s.Topic, StringComparer.Ordinal);

    public IReadOnlyCollection<EventSubscription> Subscriptions => _byTopic.Values;

    public async Task DispatchAsync(string topic, string json, CancellationToken cancellationToken)
    {
        if (!_byTopic.TryGetValue(topic, out var subscription))
        {
            throw new MalformedEventException(topic, "this service does not subscribe to the topic");
        }

        IntegrationEvent integrationEvent;
        try
        {
            // The id must come from the publisher: a default would give every redelivery a new id.
            using (var document = JsonDocument.Parse(json))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
                {
                    throw new MalformedEventException(topic, "the event has no id");
                }
            }

            integrationEvent = (IntegrationEvent?)JsonSerializer.Deserialize(json, subscription.EventType, DocumentJson.Options)
                ?? throw new MalformedEventException(topic, "empty payload");
        }
        catch (JsonException e)
        {
            // The JSON path says where the payload is wrong; the payload itself is not logged.
            // System.Text.Json names types, properties and positions, not the payload's values.
            var what = e.Message.Split(". ", 2)[0].TrimEnd('.');
            throw new MalformedEventException(topic, $"invalid JSON at {e.Path ?? "$"} (line {e.LineNumber}, byte {e.BytePositionInLine}): {what}");
        }

        await using var scope = scopes.CreateAsyncScope();
        await subscription.Invoke(scope.ServiceProvider, integrationEvent, cancellationToken);
    }
}

using System.Text.Json;
using Dapr.Client;
using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.Messaging;

/// <summary>
/// Publishes through the Dapr sidecar (<c>pubsub.redis</c> in the chart). Dapr wraps the event in a CloudEvent;
/// the event's own <c>id</c> inside the data is what handlers dedupe on.
/// </summary>
public sealed class DaprEventTransport(DaprClient dapr, string pubsubName) : IEventTransport
{
    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // The outbox holds JSON; a JsonElement is serialized verbatim, so the payload is exactly what was committed.
        using var document = JsonDocument.Parse(message.Json);
        return dapr.PublishEventAsync(pubsubName, message.Topic, document.RootElement.Clone(), cancellationToken);
    }
}

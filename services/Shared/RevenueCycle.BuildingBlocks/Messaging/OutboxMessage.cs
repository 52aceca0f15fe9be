using RevenueCycle.BuildingBlocks.Storage;

namespace RevenueCycle.BuildingBlocks.Messaging;

/// <summary>An integration event as the outbox stores it: id, topic and the event's JSON.</summary>
public sealed record OutboxMessage(string Id, string Topic, string Json, DateTimeOffset OccurredAt)
{
    public static OutboxMessage From(IntegrationEvent integrationEvent) =>
        new(integrationEvent.Id, integrationEvent.Topic, DocumentJson.Serialize<object>(integrationEvent), integrationEvent.OccurredAt);
}

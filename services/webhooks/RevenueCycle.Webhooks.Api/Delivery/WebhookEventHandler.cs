using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Webhooks.Api.Delivery;

/// <summary>Every event, whatever its type, becomes deliveries: its JSON as the bus carried it, under its own id.</summary>
public sealed class WebhookEventHandler<TEvent>(WebhookUseCases webhooks) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var message = OutboxMessage.From(integrationEvent);
        return webhooks.AcceptAsync(new IncomingEvent(message.Id, message.Topic, message.OccurredAt, message.Json), cancellationToken);
    }
}

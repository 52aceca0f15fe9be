using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Webhooks.Api.Delivery;

/// <summary>Every event, whatever its type, becomes deliveries: its JSON as the bus carried it, under its own id.</summary>
public sealed class WebhookEventHandler(WebhookUseCases webhooks) :
    IIntegrationEventHandler<BuildingBlocks.IntegrationEvents.ClaimSubmittedIntegrationEvent>,
    IIntegrationEventHandler<BuildingBlocks.IntegrationEvents.ClaimRejectedIntegrationEvent>,
    IIntegrationEventHandler<BuildingBlocks.IntegrationEvents.ClaimDeniedIntegrationEvent>,
    IIntegrationEventHandler<BuildingBlocks.IntegrationEvents.ClaimAdjudicatedIntegrationEvent>,
    IIntegrationEventHandler<BuildingBlocks.IntegrationEvents.CodingCorrectedIntegrationEvent>,
    IIntegrationEventHandler<BuildingBlocks.IntegrationEvents.FrontEndCorrectedIntegrationEvent>
{
    public Task HandleAsync(BuildingBlocks.IntegrationEvents.ClaimSubmittedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => AcceptAsync(integrationEvent, cancellationToken);

    public Task HandleAsync(BuildingBlocks.IntegrationEvents.ClaimRejectedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => AcceptAsync(integrationEvent, cancellationToken);

    public Task HandleAsync(BuildingBlocks.IntegrationEvents.ClaimDeniedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => AcceptAsync(integrationEvent, cancellationToken);

    public Task HandleAsync(BuildingBlocks.IntegrationEvents.ClaimAdjudicatedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => AcceptAsync(integrationEvent, cancellationToken);

    public Task HandleAsync(BuildingBlocks.IntegrationEvents.CodingCorrectedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => AcceptAsync(integrationEvent, cancellationToken);

    public Task HandleAsync(BuildingBlocks.IntegrationEvents.FrontEndCorrectedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => AcceptAsync(integrationEvent, cancellationToken);

    private Task AcceptAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var message = OutboxMessage.From(integrationEvent);
        return webhooks.AcceptAsync(new IncomingEvent(message.Id, message.Topic, message.OccurredAt, message.Json), cancellationToken);
    }
}

using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.Messaging;

/// <summary>Carries an outbox message to its subscribers: Dapr pub/sub in a cluster, direct calls in one process.</summary>
public interface IEventTransport
{
    /// <summary>Completes once the transport has taken the message; throws to have the relay retry it later.</summary>
    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}

using System.Text.Json.Serialization;

namespace RevenueCycle.BuildingBlocks.Messaging;

/// <summary>
/// A past-tense fact one service publishes for others. Identifiers and codes only, never PHI.
/// <see cref="Id"/> is unique per event; every handler is idempotent on it.
/// </summary>
public abstract record IntegrationEvent
{
    public string Id { get; init; } = Guid.CreateVersion7().ToString("N");

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The pub/sub topic this event travels on.</summary>
    [JsonIgnore]
    public abstract string Topic { get; }
}

/// <summary>Handles one kind of integration event. Implementations must be idempotent on <see cref="IntegrationEvent.Id"/>.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

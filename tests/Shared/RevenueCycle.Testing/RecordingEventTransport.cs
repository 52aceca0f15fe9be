using System.Collections.Concurrent;
using System.Text.Json;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Messaging;

namespace RevenueCycle.Testing;

/// <summary>An event transport that records what the relay publishes (and can be told to fail).</summary>
public sealed class RecordingEventTransport : IEventTransport
{
    private readonly ConcurrentQueue<OutboxMessage> _published = new();

    public IReadOnlyList<OutboxMessage> Published => _published.ToArray();

    /// <summary>When set, every publish throws (a broker that is down).</summary>
    public bool Fail { get; set; }

    /// <summary>Messages the transport refuses every time (a poison message).</summary>
    public Func<string, bool> Refuse { get; set; } = _ => false;

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Fail || Refuse(message.Id))
        {
            throw new HttpRequestException("transport down");
        }

        _published.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<T> Events<T>(string topic) =>
        Published.Where(m => m.Topic == topic).Select(m => JsonSerializer.Deserialize<T>(m.Json, DocumentJson.Options)!).ToArray();
}

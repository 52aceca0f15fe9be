using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.Messaging;

/// <summary>
/// Pub/sub between services hosted in one process. One instance is shared by every service host of the
/// single-process run; each host subscribes its handlers at start. Like Dapr, a failing handler is retried and
/// then dead-lettered by its own service; the publisher is not held back by a broken subscriber.
/// </summary>
public sealed partial class InProcessEventBus(ILogger<InProcessEventBus> logger, int maxDeliveryAttempts = 3)
{
    private ImmutableDictionary<string, ImmutableList<Subscriber>> _subscribers = ImmutableDictionary<string, ImmutableList<Subscriber>>.Empty;
    private ImmutableList<Action<OutboxMessage>> _observers = [];

    private sealed record Subscriber(string Service, EventDispatcher Dispatcher, DeadLetterStore DeadLetters);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    public void Subscribe(string service, EventDispatcher dispatcher, DeadLetterStore deadLetters)
    {
        foreach (var subscription in dispatcher.Subscriptions)
        {
            ImmutableInterlocked.AddOrUpdate(
                ref _subscribers,
                subscription.Topic,
                _ => [new Subscriber(service, dispatcher, deadLetters)],
                (_, list) => list.Add(new Subscriber(service, dispatcher, deadLetters)));
        }
    }

    /// <summary>Sees every message published, before its delivery (a wire tap: what leaves a service on the bus).</summary>
    public IDisposable Observe(Action<OutboxMessage> observer)
    {
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _observers, list => list.Remove(observer)));
    }

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            observer(message);
        }

        if (!_subscribers.TryGetValue(message.Topic, out var subscribers))
        {
            return;
        }

        foreach (var subscriber in subscribers)
        {
            await DeliverAsync(subscriber, message, cancellationToken);
        }
    }

    private async Task DeliverAsync(Subscriber subscriber, OutboxMessage message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await subscriber.Dispatcher.DispatchAsync(message.Topic, message.Json, cancellationToken);
                return;
            }
            catch (MalformedEventException e)
            {
                await subscriber.DeadLetters.RecordAsync(message.Topic, message.Json, e.Message, cancellationToken);
                LogDeadLettered(logger, message.Topic, message.Id, subscriber.Service, attempt);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt >= maxDeliveryAttempts)
            {
                await subscriber.DeadLetters.RecordAsync(message.Topic, message.Json, $"{e.GetType().Name} after {attempt} attempts", cancellationToken);
                LogDeadLettered(logger, message.Topic, message.Id, subscriber.Service, attempt);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Topic} event {EventId} dead-lettered by {Service} after {Attempts} attempt(s)")]
    private static partial void LogDeadLettered(ILogger logger, string topic, string eventId, string service, int attempts);
}

/// <summary>The outbox relay's transport in the single-process run.</summary>
public sealed class InProcessEventTransport(InProcessEventBus bus) : IEventTransport
{
    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken) => bus.PublishAsync(message, cancellationToken);
}

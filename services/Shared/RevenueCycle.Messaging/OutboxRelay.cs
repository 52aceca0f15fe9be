using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RevenueCycle.BuildingBlocks.Storage;

namespace RevenueCycle.Messaging;

/// <summary>
/// Publishes what commits left in the outbox, oldest first, and acknowledges each message only after the
/// transport took it. A message the transport refuses stays pending and is retried with backoff; the messages
/// behind it still go out, so one poison message cannot stall a service's events. Nothing is dropped.
/// </summary>
public sealed partial class OutboxRelay(IOutboxStore outbox, IEventTransport transport, MessagingOptions options, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (published, failed) = await PublishPendingAsync(stoppingToken);
                if (failed > 0)
                {
                    throw new EventTransportException(failed);
                }

                backoff = TimeSpan.Zero;
                if (published < BatchSize)
                {
                    await outbox.WaitForMessagesAsync(options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
                LogRelayFailed(logger, e.GetType().Name, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes one batch; returns how many messages went out and how many the transport refused.</summary>
    public async Task<(int Published, int Failed)> PublishPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await outbox.ReadPendingAsync(BatchSize, cancellationToken);
        var published = 0;
        foreach (var message in pending)
        {
            try
            {
                await transport.PublishAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, message.Topic, message.Id, e.GetType().Name);
                continue; // stays pending: retried on the next pass, after the others
            }

            await outbox.AcknowledgeAsync(message, cancellationToken);
            LogPublished(logger, message.Topic, message.Id);
            published++;
        }

        return (published, pending.Count - published);
    }

    private sealed class EventTransportException(int failed) : Exception($"{failed} event(s) not taken by the transport");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Topic} event {EventId} ({Error}); it stays in the outbox")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string eventId, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published {Topic} event {EventId}")]
    private static partial void LogPublished(ILogger logger, string topic, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay backing off ({Error}); next pass in {DelayMs} ms")]
    private static partial void LogRelayFailed(ILogger logger, string error, double delayMs);
}

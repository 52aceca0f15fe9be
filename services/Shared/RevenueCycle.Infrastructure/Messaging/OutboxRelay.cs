using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Infrastructure.Messaging;

/// <summary>
/// Publishes what commits left in the outbox, oldest first, and acknowledges each message only after the
/// transport took it. A failure leaves the message pending and backs off; nothing is dropped.
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
                var published = await PublishPendingAsync(stoppingToken);
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

    /// <summary>Publishes one batch; returns how many messages were published.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await outbox.ReadPendingAsync(BatchSize, cancellationToken);
        foreach (var message in pending)
        {
            await transport.PublishAsync(message, cancellationToken);
            await outbox.AcknowledgeAsync(message, cancellationToken);
            LogPublished(logger, message.Topic, message.Id);
        }

        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published {Topic} event {EventId}")]
    private static partial void LogPublished(ILogger logger, string topic, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish ({Error}); retrying in {DelayMs} ms")]
    private static partial void LogRelayFailed(ILogger logger, string error, double delayMs);
}

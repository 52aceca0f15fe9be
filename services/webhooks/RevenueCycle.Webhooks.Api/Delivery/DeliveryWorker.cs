using RevenueCycle.Webhooks.Api.Extensions;
using RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Webhooks.Api.Delivery;

/// <summary>Sends due deliveries every poll interval; many replicas may run it (each delivery is leased).</summary>
public sealed partial class DeliveryWorker(WebhookUseCases webhooks, IWebhookSender sender, WebhooksOptions options, TimeProvider clock, ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more may be due: go on at once.
                while (await webhooks.SendDueAsync(sender, 32, stoppingToken) == 32)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e.GetType().Name);
            }

            await Task.Delay(options.PollInterval, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery pass failed ({Error}); the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, string error);
}

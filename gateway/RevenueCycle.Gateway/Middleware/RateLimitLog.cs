using System.Collections.Concurrent;

namespace RevenueCycle.Gateway.Middleware;

/// <summary>
/// Requests the rate limit refused, counted per client and service and logged as one line per interval
/// (<c>Gateway:RateLimitLogInterval</c>) instead of one line each: under a flood, a line a refusal would be the flood.
/// </summary>
public sealed partial class RateLimitLog(GatewayOptions options, TimeProvider clock, ILogger<RateLimitLog> logger) : BackgroundService
{
    public const string RefusedItem = "rcm.rate-limited";

    private readonly ConcurrentDictionary<(string Client, string Service), long> _refused = new();

    public void Refused(string client, string service) => _refused.AddOrUpdate((client, service), 1, (_, n) => n + 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RateLimitLogInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException)
        {
            // stopping: what was counted is logged below
        }

        Flush();
    }

    /// <summary>Logs what was refused since the last flush, one line per client and service.</summary>
    public void Flush()
    {
        foreach (var key in _refused.Keys)
        {
            if (_refused.TryRemove(key, out var count) && count > 0)
            {
                LogRefused(logger, count, key.Client, key.Service, options.RateLimitLogInterval.TotalSeconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit: refused {Count} request(s) of {Client} to {Service} in the last {Seconds} s")]
    private static partial void LogRefused(ILogger logger, long count, string client, string service, double seconds);
}

using RevenueCycle.Platform;

namespace RevenueCycle.Benchmarks;

/// <summary>The single-process platform as the benches that go through its gateway start it.</summary>
public static class BenchPlatform
{
    /// <summary>
    /// In-memory, clearinghouse on request only; the gateway's per-key rate limit (500 a second by default) is lifted
    /// and logs set to warnings (the access log's line a request would measure the console): the figure is the path's,
    /// not the limiter's or the terminal's.
    /// </summary>
    public static PlatformHost Start(string apiKey) =>
        PlatformHost.StartAsync(
            new PlatformOptions { ApiKey = apiKey, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            new Dictionary<string, string?> { ["Gateway:RequestsPerSecond"] = "1000000", ["Gateway:Burst"] = "1000000", ["Logging:LogLevel:Default"] = "Warning" })
            .GetAwaiter().GetResult();
}

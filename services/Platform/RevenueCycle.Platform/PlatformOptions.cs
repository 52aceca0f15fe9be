namespace RevenueCycle.Platform;

/// <summary>Configuration section <c>Platform</c> of the single-process run.</summary>
public sealed class PlatformOptions
{
    /// <summary>Demo API key printed at start; its hash, never the key, configures the gateway.</summary>
    public string ApiKey { get; set; } = "rcm-local-demo-key";

    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Gateway h2c port for gRPC; 0 picks a free one.</summary>
    public int GatewayGrpcPort { get; set; } = 5080;

    /// <summary>Gateway HTTP/1.1 port for JSON; 0 picks a free one.</summary>
    public int GatewayHttpPort { get; set; } = 5081;

    /// <summary>InMemory (default) or Redis.</summary>
    public string Storage { get; set; } = "InMemory";

    public string Redis { get; set; } = "localhost:6379";

    /// <summary>Log level of the services; the gateway's access log always shows.</summary>
    public string ServiceLogLevel { get; set; } = "Warning";

    /// <summary>How often submission sends queued claims to the in-process payer sandbox and reads its answers; zero: only on request.</summary>
    public TimeSpan ClearinghouseInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Encounters of the demo batch pushed through the whole cycle once the platform is up (`make run` asks for 40); zero: none.</summary>
    public int DemoEncounters { get; set; }

    /// <summary>The demo batch's seed: the same seed, the same synthetic encounters.</summary>
    public int DemoSeed { get; set; } = 42;
}

using Microsoft.Extensions.Logging;
using RevenueCycle.Gateway.Security;
using RevenueCycle.Platform;
using RevenueCycle.Testing;

namespace RevenueCycle.Gateway.Tests;

/// <summary>One running platform (six services + gateway, real Kestrel on loopback) shared by the gateway tests.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string DemoKey = "test-demo-key";
    public const string CodingOnlyKey = "test-coding-only-key";

    public PlatformHost Platform { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:1:Name"] = "coder-app",
            ["Gateway:ApiKeys:1:Sha256"] = ApiKeyAuthenticator.Hash(CodingOnlyKey),
            ["Gateway:ApiKeys:1:Scopes:0"] = "coding",
        };
        Platform = await PlatformHost.StartAsync(
            new PlatformOptions { ApiKey = DemoKey, GatewayGrpcPort = 0, GatewayHttpPort = 0, ServiceLogLevel = "Information" },
            overrides,
            logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug),
            clock: ShiftedClock.AfterTheSampleVisit());
    }

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();
}

using Microsoft.Extensions.Logging;
using RevenueCycle.Gateway.Security;
using RevenueCycle.Platform;
using RevenueCycle.Testing;

namespace RevenueCycle.Gateway.Tests;

/// <summary>One running platform (every declared service + gateway, real Kestrel on loopback) shared by the gateway tests.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string DemoKey = "test-demo-key";
    public const string CodingOnlyKey = "test-coding-only-key";
    public const string ReaderKey = "test-collections-reader-key";
    public const string AuditorKey = "test-auditor-key";
    public const string EveryServiceKey = "test-every-service-key";
    public const string ExpiredKey = "test-expired-key";
    public const string RevokedKey = "test-revoked-key";

    public PlatformHost Platform { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:1:Name"] = "coder-app",
            ["Gateway:ApiKeys:1:Sha256"] = ApiKeyAuthenticator.Hash(CodingOnlyKey),
            ["Gateway:ApiKeys:1:Scopes:0"] = "coding",
            ["Gateway:ApiKeys:2:Name"] = "billing-reader",
            ["Gateway:ApiKeys:2:Id"] = "reader-2026-12",
            ["Gateway:ApiKeys:2:Sha256"] = ApiKeyAuthenticator.Hash(ReaderKey),
            ["Gateway:ApiKeys:2:Scopes:0"] = "collections:read",
            ["Gateway:ApiKeys:2:Scopes:1"] = "coding:write",
            ["Gateway:ApiKeys:3:Name"] = "compliance",
            ["Gateway:ApiKeys:3:Sha256"] = ApiKeyAuthenticator.Hash(AuditorKey),
            ["Gateway:ApiKeys:3:Scopes:0"] = "audit",
            ["Gateway:ApiKeys:4:Name"] = "integration-engine",
            ["Gateway:ApiKeys:4:Sha256"] = ApiKeyAuthenticator.Hash(EveryServiceKey),
            ["Gateway:ApiKeys:4:Scopes:0"] = "*",
            ["Gateway:ApiKeys:5:Name"] = "old-interface",
            ["Gateway:ApiKeys:5:Id"] = "old-2019",
            ["Gateway:ApiKeys:5:Sha256"] = ApiKeyAuthenticator.Hash(ExpiredKey),
            ["Gateway:ApiKeys:5:Scopes:0"] = "*",
            ["Gateway:ApiKeys:5:ExpiresAt"] = "2020-01-01T00:00:00Z",
            ["Gateway:ApiKeys:6:Name"] = "leaked-interface",
            ["Gateway:ApiKeys:6:Id"] = "leaked-1",
            ["Gateway:ApiKeys:6:Sha256"] = ApiKeyAuthenticator.Hash(RevokedKey),
            ["Gateway:ApiKeys:6:Scopes:0"] = "*",
            ["Gateway:ApiKeys:6:Revoked"] = "true",
        };
        Platform = await PlatformHost.StartAsync(
            new PlatformOptions { ApiKey = DemoKey, GatewayGrpcPort = 0, GatewayHttpPort = 0, ServiceLogLevel = "Information" },
            overrides,
            logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug),
            clock: ShiftedClock.AfterTheSampleVisit());
    }

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();
}

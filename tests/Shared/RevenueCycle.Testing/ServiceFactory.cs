using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RevenueCycle.Testing;

/// <summary>
/// Hosts one service in process (WebApplicationFactory) with test settings — Redis from the fixture or memory —
/// and hands out a gRPC channel and an HTTP client over the test server.
/// </summary>
public sealed class ServiceFactory<TEntryPoint>(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    /// <summary>Settings for a service on its own Redis database, with the in-process transport.</summary>
    public static Dictionary<string, string?> RedisSettings(string connectionString) => new()
    {
        ["Storage:Provider"] = "Redis",
        ["Storage:Redis"] = connectionString,
        ["Messaging:Transport"] = "InProcess",
        ["Messaging:PollInterval"] = "00:00:00.050",
        ["Logging:Simple"] = "true",
    };

    public static Dictionary<string, string?> InMemorySettings() => new()
    {
        ["Storage:Provider"] = "InMemory",
        ["Messaging:Transport"] = "InProcess",
        ["Messaging:PollInterval"] = "00:00:00.050",
        ["Logging:Simple"] = "true",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Production");
        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });
}

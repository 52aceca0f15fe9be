using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.Coding.Api.Extensions;
using RevenueCycle.Collections.Api.Extensions;
using RevenueCycle.Eligibility.Api.Extensions;
using RevenueCycle.Gateway.Extensions;
using RevenueCycle.Gateway.Security;
using RevenueCycle.Infrastructure.Messaging;
using RevenueCycle.Posting.Api.Extensions;
using RevenueCycle.Scrubbing.Api.Extensions;
using RevenueCycle.Submission.Api.Extensions;

namespace RevenueCycle.Platform;

/// <summary>
/// Starts every service as its own <see cref="WebApplication"/> on loopback ports, then the gateway in front of
/// them, all in this process. Each host is built by the same Add/Map extensions its standalone Program uses;
/// they share one in-process event bus instead of Dapr.
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private static readonly (string Name, Action<WebApplicationBuilder> Add, Action<WebApplication> Map)[] ServiceHosts =
    [
        (EligibilityServiceExtensions.ServiceName, b => b.AddEligibility(), a => a.MapEligibility()),
        (CodingServiceExtensions.ServiceName, b => b.AddCoding(), a => a.MapCoding()),
        (ScrubbingServiceExtensions.ServiceName, b => b.AddScrubbing(), a => a.MapScrubbing()),
        (SubmissionServiceExtensions.ServiceName, b => b.AddSubmission(), a => a.MapSubmission()),
        (PostingServiceExtensions.ServiceName, b => b.AddPosting(), a => a.MapPosting()),
        (CollectionsServiceExtensions.ServiceName, b => b.AddCollections(), a => a.MapCollections()),
    ];

    private readonly List<WebApplication> _apps = [];

    private PlatformHost(PlatformOptions options) => Options = options;

    public PlatformOptions Options { get; }

    /// <summary>h2c address of the gateway (gRPC).</summary>
    public Uri GatewayGrpc { get; private set; } = null!;

    /// <summary>HTTP/1.1 address of the gateway (JSON).</summary>
    public Uri GatewayHttp { get; private set; } = null!;

    /// <summary>h2c address of each service, for tests that compare direct calls with calls through the gateway.</summary>
    public Dictionary<string, Uri> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>The service hosts by name, for tests that reach into a service's container.</summary>
    public Dictionary<string, IServiceProvider> ServiceProviders { get; } = new(StringComparer.Ordinal);

    public static async Task<PlatformHost> StartAsync(PlatformOptions options, IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        var host = new PlatformHost(options);
        try
        {
            await host.StartServicesAsync(overrides ?? new Dictionary<string, string?>(), cancellationToken);
            await host.StartGatewayAsync(overrides ?? new Dictionary<string, string?>(), cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartServicesAsync(IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var ports = ServiceHosts.ToDictionary(s => s.Name, _ => (Grpc: FreePort(), Http: FreePort()));
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        foreach (var (name, add, map) in ServiceHosts)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hosting:BindAddress"] = Options.BindAddress,
                ["Hosting:GrpcPort"] = ports[name].Grpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Hosting:HttpPort"] = ports[name].Http.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Storage:Provider"] = Options.Storage,
                ["Storage:Redis"] = Options.Redis,
                ["Messaging:Transport"] = nameof(EventTransportKind.InProcess),
                ["Messaging:PollInterval"] = "00:00:00.200",
                ["Services:Scrubbing"] = $"http://{Options.BindAddress}:{ports[ScrubbingServiceExtensions.ServiceName].Grpc}",
                ["Logging:Simple"] = "true",
                ["Logging:LogLevel:Default"] = Options.ServiceLogLevel,
            });
            builder.Configuration.AddInMemoryCollection(overrides);
            builder.Services.AddSingleton(bus);
            add(builder);
            var app = builder.Build();
            map(app);
            await app.StartAsync(cancellationToken);
            _apps.Add(app);
            Services[name] = new Uri($"http://{Options.BindAddress}:{ports[name].Grpc}");
            ServiceProviders[name] = app.Services;
        }
    }

    private async Task StartGatewayAsync(IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var grpcPort = Options.GatewayGrpcPort == 0 ? FreePort() : Options.GatewayGrpcPort;
        var httpPort = Options.GatewayHttpPort == 0 ? FreePort() : Options.GatewayHttpPort;
        var settings = new Dictionary<string, string?>
        {
            ["Hosting:BindAddress"] = Options.BindAddress,
            ["Hosting:GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hosting:HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:ApiKeys:0:Name"] = "local-demo",
            ["Gateway:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(Options.ApiKey),
            ["Gateway:ApiKeys:0:Scopes:0"] = "*",
            ["Logging:Simple"] = "true",
        };
        foreach (var (name, address) in Services)
        {
            settings[$"Gateway:Services:{name}"] = address.ToString().TrimEnd('/');
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddGateway();
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync(cancellationToken);
        _apps.Add(app);
        GatewayGrpc = new Uri($"http://{Options.BindAddress}:{grpcPort}");
        GatewayHttp = new Uri($"http://{Options.BindAddress}:{httpPort}");
    }

    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        await _apps[^1].WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _apps.Clear();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

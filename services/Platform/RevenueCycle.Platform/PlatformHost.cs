using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Coding.Api.Extensions;
using RevenueCycle.Collections.Api.Extensions;
using RevenueCycle.Eligibility.Api.Extensions;
using RevenueCycle.Gateway.Extensions;
using RevenueCycle.Gateway.Middleware;
using RevenueCycle.Gateway.Security;
using RevenueCycle.Messaging;
using RevenueCycle.Posting.Api.Extensions;
using RevenueCycle.Scrubbing.Api.Extensions;
using RevenueCycle.ServiceDefaults.Hosting;
using RevenueCycle.Submission.Api.Extensions;
using RevenueCycle.Webhooks.Api.Extensions;

namespace RevenueCycle.Platform;

/// <summary>
/// Starts every service as its own <see cref="WebApplication"/> on loopback ports, then the gateway in front of
/// them, all in this process. Each host is built by the same Add/Map extensions its standalone Program uses;
/// they share one in-process event bus instead of Dapr.
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    /// <summary>How each declared service's host is built: the same extensions its standalone Program calls.</summary>
    private static readonly Dictionary<string, (Action<WebApplicationBuilder> Add, Action<WebApplication> Map)> ServiceHosts = new(StringComparer.Ordinal)
    {
        [EligibilityServiceExtensions.ServiceName] = (b => b.AddEligibility(), a => a.MapEligibility()),
        [CodingServiceExtensions.ServiceName] = (b => b.AddCoding(), a => a.MapCoding()),
        [ScrubbingServiceExtensions.ServiceName] = (b => b.AddScrubbing(), a => a.MapScrubbing()),
        [SubmissionServiceExtensions.ServiceName] = (b => b.AddSubmission(), a => a.MapSubmission()),
        [PostingServiceExtensions.ServiceName] = (b => b.AddPosting(), a => a.MapPosting()),
        [CollectionsServiceExtensions.ServiceName] = (b => b.AddCollections(), a => a.MapCollections()),
        [WebhooksServiceExtensions.ServiceName] = (b => b.AddWebhooks(), a => a.MapWebhooks()),
    };

    private readonly List<WebApplication> _apps = [];
    private Action<ILoggingBuilder>? _configureLogging;
    private TimeProvider? _clock;

    private PlatformHost(PlatformOptions options) => Options = options;

    public PlatformOptions Options { get; }

    /// <summary>h2c address of the gateway (gRPC).</summary>
    public Uri GatewayGrpc { get; private set; } = null!;

    /// <summary>HTTP/1.1 address of the gateway (JSON).</summary>
    public Uri GatewayHttp { get; private set; } = null!;

    /// <summary>h2c address of each service, for tests that compare direct calls with calls through the gateway.</summary>
    public Dictionary<string, Uri> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>The one event bus the services share (every event every service publishes passes through it).</summary>
    public InProcessEventBus Bus { get; } = new(NullLogger<InProcessEventBus>.Instance);

    /// <summary>The service hosts by name, for tests that reach into a service's container.</summary>
    public Dictionary<string, IServiceProvider> ServiceProviders { get; } = new(StringComparer.Ordinal);

    /// <param name="options">Ports, storage and the demo key.</param>
    /// <param name="overrides">Configuration applied to every host after the platform's own settings.</param>
    /// <param name="configureLogging">Adds log providers to every host (tests capture logs to check them for PHI).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <param name="clock">The services' clock (default: the system's); tests start it on the sample claims' day so they do not age.</param>
    public static async Task<PlatformHost> StartAsync(
        PlatformOptions options,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default,
        TimeProvider? clock = null)
    {
        var host = new PlatformHost(options) { _configureLogging = configureLogging, _clock = clock };
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
        var bus = Bus;
        // The catalog's start order: each host is told the addresses of the services it calls, started before it.
        foreach (var service in ServiceCatalog.StartOrder())
        {
            var name = service.Name;
            var (add, map) = ServiceHosts.TryGetValue(name, out var host)
                ? host
                : throw new InvalidOperationException($"The service catalog declares '{name}', which the platform host cannot build.");
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            var settings = new Dictionary<string, string?>
            {
                ["Hosting:BindAddress"] = Options.BindAddress,
                ["Hosting:GrpcPort"] = "0", // Kestrel picks free ports; they are read back after start
                ["Hosting:HttpPort"] = "0",
                ["Storage:Provider"] = Options.Storage,
                ["Storage:Redis"] = Options.Redis,
                ["Messaging:Transport"] = nameof(EventTransportKind.InProcess),
                ["Messaging:PollInterval"] = "00:00:00.200",
                ["Logging:Simple"] = "true",
                ["Logging:LogLevel:Default"] = Options.ServiceLogLevel,
                ["Webhooks:AllowHttp"] = "true", // the internal apps of a local run listen on plain http
                ["Submission:PollInterval"] = Options.ClearinghouseInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var called in service.Calls)
            {
                settings[ServiceCatalog.Get(called).AddressKey] = Services[called].ToString().TrimEnd('/');
            }

            builder.Configuration.AddInMemoryCollection(settings);
            builder.Configuration.AddInMemoryCollection(overrides);
            builder.Services.AddSingleton(bus);
            if (_clock is not null)
            {
                builder.Services.AddSingleton(_clock); // before the services' TryAdd of the system clock
            }

            add(builder);
            _configureLogging?.Invoke(builder.Logging);
            var app = builder.Build();
            map(app);
            await app.StartAsync(cancellationToken);
            _apps.Add(app);
            Services[name] = new Uri($"http://{Options.BindAddress}:{app.Services.GetRequiredService<BoundEndpoints>().GrpcPort}");
            ServiceProviders[name] = app.Services;
        }
    }

    private async Task StartGatewayAsync(IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hosting:BindAddress"] = Options.BindAddress,
            ["Hosting:GrpcPort"] = Options.GatewayGrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hosting:HttpPort"] = Options.GatewayHttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:ApiKeys:0:Name"] = "local-demo",
            ["Gateway:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(Options.ApiKey),
            ["Gateway:ApiKeys:0:Scopes:0"] = "*",
            ["Gateway:ApiKeys:0:Scopes:1"] = "audit", // rcm audit verify on the demo platform
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
        _configureLogging?.Invoke(builder.Logging);
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync(cancellationToken);
        _apps.Add(app);
        var bound = app.Services.GetRequiredService<GatewayEndpoints>();
        GatewayGrpc = new Uri($"http://{Options.BindAddress}:{bound.GrpcPort}");
        GatewayHttp = new Uri($"http://{Options.BindAddress}:{bound.HttpPort}");
    }

    /// <summary>
    /// Turns the gateway's access log down to warnings and back (a demo batch's hundreds of calls would bury its
    /// progress): the level is configuration, reloaded at once by the logging filters.
    /// </summary>
    public void QuietAccessLog(bool quiet)
    {
        var configuration = (IConfigurationRoot)_apps[^1].Configuration;
        configuration[$"Logging:LogLevel:{typeof(AccessLogMiddleware).FullName}"] = quiet ? "Warning" : "Information";
        configuration.Reload();
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
}

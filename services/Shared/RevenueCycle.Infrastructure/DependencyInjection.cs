using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.Infrastructure.Auditing;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Messaging;
using RevenueCycle.Infrastructure.Storage;
using StackExchange.Redis;

namespace RevenueCycle.Infrastructure;

/// <summary>The service a host runs; names its Redis key prefix, Dapr app id and dead letters.</summary>
public sealed record ServiceIdentity(string Name);

public static class DependencyInjection
{
    /// <summary>Registers the service's <see cref="IDocumentStore"/> and audit trail: Redis or memory, by <c>Storage:Provider</c>.</summary>
    public static IServiceCollection AddDocumentStore(this IServiceCollection services, IConfiguration configuration, string service)
    {
        var options = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        services.TryAddSingleton(new ServiceIdentity(service));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<OutboxSignal>();

        if (options.Provider == StorageProvider.Redis)
        {
            services.TryAddSingleton<IConnectionMultiplexer>(_ =>
            {
                var redis = ConfigurationOptions.Parse(options.Redis);
                redis.AbortOnConnectFail = false; // start even while Redis is away; readiness reports it
                return ConnectionMultiplexer.Connect(redis);
            });
            services.AddSingleton(sp => new RedisDocumentStore(
                sp.GetRequiredService<IConnectionMultiplexer>(), service, sp.GetRequiredService<OutboxSignal>(),
                options.IdempotencyRetention, options.OutboxClaimTimeout));
            services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<RedisDocumentStore>());
            services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<RedisDocumentStore>());
            services.AddSingleton<IAuditTrail>(sp => new RedisAuditTrail(sp.GetRequiredService<IConnectionMultiplexer>(), service));
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
        else
        {
            services.AddSingleton<InMemoryDocumentStore>();
            services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<InMemoryDocumentStore>());
            services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<InMemoryDocumentStore>());
            services.AddSingleton<IAuditTrail, InMemoryAuditTrail>();
        }

        services.AddSingleton<DeadLetterStore>();
        return services;
    }

    /// <summary>Registers the outbox relay and the event transport chosen by <c>Messaging:Transport</c>.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration, string service)
    {
        var options = configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        services.TryAddSingleton(new ServiceIdentity(service));
        services.AddSingleton(options);
        services.AddSingleton<EventDispatcher>();

        switch (options.Transport)
        {
            case EventTransportKind.Dapr:
                services.TryAddSingleton(_ => new DaprClientBuilder().Build());
                services.AddSingleton<IEventTransport>(sp => new DaprEventTransport(sp.GetRequiredService<DaprClient>(), options.PubSubName));
                break;
            case EventTransportKind.Http:
                services.AddHttpClient(nameof(HttpEventTransport), c => c.Timeout = TimeSpan.FromSeconds(10));
                services.AddSingleton<IEventTransport>(sp => new HttpEventTransport(
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpEventTransport)),
                    options, service, sp.GetRequiredService<ILogger<HttpEventTransport>>()));
                break;
            default:
                // The single-process host registers one bus for all services first; a lone host gets its own.
                services.TryAddSingleton(sp => new InProcessEventBus(sp.GetRequiredService<ILogger<InProcessEventBus>>(), options.MaxDeliveryAttempts));
                services.AddSingleton<IEventTransport, InProcessEventTransport>();
                services.AddHostedService<InProcessSubscriber>();
                break;
        }

        if (options.RelayEnabled)
        {
            services.AddSingleton<OutboxRelay>();
            services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        }

        return services;
    }

    /// <summary>Subscribes <typeparamref name="THandler"/> to the topic of <typeparamref name="TEvent"/>.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, string topic)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<IIntegrationEventHandler<TEvent>, THandler>();
        services.AddSingleton(new EventSubscription(
            topic,
            typeof(TEvent),
            (sp, e, ct) => sp.GetRequiredService<IIntegrationEventHandler<TEvent>>().HandleAsync((TEvent)e, ct)));
        return services;
    }
}

/// <summary>Readiness: the service cannot work without its Redis.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }
}

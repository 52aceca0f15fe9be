using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Auditing;
using RevenueCycle.Infrastructure.Storage;
using StackExchange.Redis;

namespace RevenueCycle.Infrastructure;

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
        // The chain's MAC key: the chart mounts it from the audit Secret; make run and the tests use the development key.
        services.TryAddSingleton(new AuditChain(configuration["Audit:ChainKey"] is { Length: > 0 } key ? key : AuditChain.DevelopmentKey));

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
            services.AddSingleton<IAuditTrail>(sp => new RedisAuditTrail(sp.GetRequiredService<IConnectionMultiplexer>(), service, sp.GetRequiredService<AuditChain>()));
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
        else
        {
            services.AddSingleton<InMemoryDocumentStore>();
            services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<InMemoryDocumentStore>());
            services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<InMemoryDocumentStore>());
            services.AddSingleton<IAuditTrail, InMemoryAuditTrail>();
        }

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

using Dapr.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>Registers the outbox relay and the event transport chosen by <c>Messaging:Transport</c>.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration, string service)
    {
        var options = configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        services.TryAddSingleton(new ServiceIdentity(service));
        services.AddSingleton(options);
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<DeadLetterStore>();

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
                    options, service, sp.GetRequiredService<ILogger<HttpEventTransport>>(), sp.GetService<TimeProvider>()));
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

using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Messaging;
using RevenueCycle.ServiceDefaults.Hosting;
using RevenueCycle.Webhooks.Api.Delivery;
using RevenueCycle.Webhooks.Api.Grpc;
using RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Webhooks.Api.Extensions;

public static class WebhooksServiceExtensions
{
    public const string ServiceName = "webhooks";

    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        // Every topic the catalog declares, so a subscription may name any of them.
        builder.Services.AddEventHandler<ClaimSubmittedIntegrationEvent, WebhookEventHandler<ClaimSubmittedIntegrationEvent>>(Topics.ClaimSubmitted);
        builder.Services.AddEventHandler<ClaimRejectedIntegrationEvent, WebhookEventHandler<ClaimRejectedIntegrationEvent>>(Topics.ClaimRejected);
        builder.Services.AddEventHandler<ClaimDeniedIntegrationEvent, WebhookEventHandler<ClaimDeniedIntegrationEvent>>(Topics.ClaimDenied);
        builder.Services.AddEventHandler<ClaimAdjudicatedIntegrationEvent, WebhookEventHandler<ClaimAdjudicatedIntegrationEvent>>(Topics.ClaimAdjudicated);
        builder.Services.AddEventHandler<CodingCorrectedIntegrationEvent, WebhookEventHandler<CodingCorrectedIntegrationEvent>>(Topics.CodingCorrected);
        builder.Services.AddEventHandler<FrontEndCorrectedIntegrationEvent, WebhookEventHandler<FrontEndCorrectedIntegrationEvent>>(Topics.FrontEndCorrected);
        builder.AddServiceDefaults(ServiceName);

        var options = builder.Configuration.GetSection("Webhooks").Get<WebhooksOptions>() ?? new WebhooksOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new WebhookSettings(options.RetrySchedule is { Count: > 0 } schedule ? schedule : WebhookSettings.DefaultSchedule, options.AllowHttp, options.AttemptTimeout));
        builder.Services.AddSingleton<WebhookUseCases>();
        // No automatic redirects (a 3xx is not a delivery) and the attempt's own timeout, not HttpClient's.
        builder.Services.AddHttpClient<IWebhookSender, HttpWebhookSender>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) });
        builder.Services.AddHostedService<DeliveryWorker>();
        return builder;
    }

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<WebhooksGrpcService>();
        return app;
    }
}

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhooksOptions
{
    /// <summary>Waits before each retry; empty = Standard Webhooks' 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.</summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>Plain-http endpoints (a local run, or apps inside the cluster); off = https only.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long an endpoint may take to answer.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the worker looks for deliveries that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

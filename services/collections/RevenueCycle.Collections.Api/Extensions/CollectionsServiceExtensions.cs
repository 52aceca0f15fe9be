using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Collections.Api.Grpc;
using RevenueCycle.Collections.Api.Statements;
using RevenueCycle.Collections.Domain.Kpis;
using RevenueCycle.Collections.Domain.Statements;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Messaging;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Collections.Api.Extensions;

public static class CollectionsServiceExtensions
{
    public const string ServiceName = "collections";

    public static WebApplicationBuilder AddCollections(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventHandler<ClaimSubmittedIntegrationEvent, AccountUseCases>(Topics.ClaimSubmitted);
        builder.Services.AddEventHandler<ClaimAdjudicatedIntegrationEvent, AccountUseCases>(Topics.ClaimAdjudicated);
        builder.Services.AddEventHandler<ClaimRejectedIntegrationEvent, KpiProjection>(Topics.ClaimRejected);
        builder.Services.AddEventHandler<ClaimDeniedIntegrationEvent, KpiProjection>(Topics.ClaimDenied);
        builder.Services.AddEventHandler<CodingCorrectedIntegrationEvent, KpiProjection>(Topics.CodingCorrected);
        builder.Services.AddEventHandler<FrontEndCorrectedIntegrationEvent, KpiProjection>(Topics.FrontEndCorrected);
        builder.Services.AddSingleton<KpiProjection>();
        builder.AddServiceDefaults(ServiceName);
        builder.Services.AddSingleton<AccountUseCases>();
        var options = builder.Configuration.GetSection("Collections").Get<CollectionsOptions>() ?? new CollectionsOptions();
        builder.Services.AddSingleton(options);
        var policy = options.Policy();
        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton(policy.Dunning);
        builder.Services.AddSingleton(options.Assistance());
        builder.Services.AddSingleton<CollectionUseCases>();
        builder.Services.AddSingleton<StatementUseCases>();
        builder.Services.AddHostedService<StatementWorker>();
        return builder;
    }

    public static WebApplication MapCollections(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<CollectionsGrpcService>();
        return app;
    }
}

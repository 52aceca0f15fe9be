using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Coding.Api.Grpc;
using RevenueCycle.Coding.Api.ReferenceData;
using RevenueCycle.Coding.Suggestion;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Messaging;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.ServiceDefaults.Hosting;
using RevenueCycle.ServiceDefaults.ReferenceData;

namespace RevenueCycle.Coding.Api.Extensions;

public static class CodingServiceExtensions
{
    public const string ServiceName = "coding";

    public static WebApplicationBuilder AddCoding(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventHandler<ClaimDeniedIntegrationEvent, CorrectionUseCases>(Topics.ClaimDenied);
        builder.Services.AddEventHandler<ClaimRejectedIntegrationEvent, CorrectionUseCases>(Topics.ClaimRejected);
        builder.Services.AddEventHandler<ClaimSubmittedIntegrationEvent, CorrectionUseCases>(Topics.ClaimSubmitted);
        builder.AddServiceDefaults(ServiceName);

        // The demo pack answers until the configured reference directory has loaded (at start, then on change).
        var options = builder.Configuration.GetSection("Coding").Get<CodingOptions>() ?? new CodingOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new ReferenceDataCatalog(DemoPack.Load(sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddSingleton(sp => new ReferenceDataWatcher(
            sp.GetRequiredService<ReferenceDataCatalog>(), options.ReferenceData, ReferenceParts.CodeSets, options.ReferenceDataPollInterval,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReferenceDataWatcher>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReferenceDataWatcher>());

        builder.Services.AddSingleton<DenialStatistics>();
        builder.Services.AddSingleton<EncounterUseCases>();
        builder.Services.AddSingleton<CorrectionUseCases>();
        builder.Services.AddSingleton<ProviderQueryUseCases>();
        builder.Services.AddSingleton<CodingHistory>();
        builder.Services.AddSingleton<SuggestionUseCases>();
        builder.Services.AddHostedService<SuggestionHistoryLoader>();
        return builder;
    }

    public static WebApplication MapCoding(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<CodingGrpcService>();
        return app;
    }
}

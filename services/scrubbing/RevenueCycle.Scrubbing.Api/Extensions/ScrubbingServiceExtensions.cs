using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.Scrubbing.Api.Clients;
using RevenueCycle.Scrubbing.Api.Grpc;
using RevenueCycle.Scrubbing.Api.ReferenceData;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.Ports;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Resilience;
using RevenueCycle.ServiceDefaults.Hosting;
using RevenueCycle.ServiceDefaults.ReferenceData;

namespace RevenueCycle.Scrubbing.Api.Extensions;

public static class ScrubbingServiceExtensions
{
    public const string ServiceName = "scrubbing";

    public static WebApplicationBuilder AddScrubbing(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);

        // The demo pack and demo rules answer until the configured directory and rule file have loaded.
        var options = builder.Configuration.GetSection("Scrubbing").Get<ScrubbingOptions>() ?? new ScrubbingOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new ReferenceDataCatalog(DemoPack.Load(sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddSingleton(_ => new PayerRuleCatalog(DemoPayerRules.Load()));
        builder.Services.AddSingleton(sp => new ReferenceDataWatcher(
            sp.GetRequiredService<ReferenceDataCatalog>(), options.ReferenceData, ReferenceParts.All, options.PollInterval,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReferenceDataWatcher>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReferenceDataWatcher>());
        builder.Services.AddSingleton<PayerRulesWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PayerRulesWatcher>());
        // The authorizations payers granted live in the eligibility service; in Kubernetes "eligibility" is its Service name.
        var eligibility = builder.Configuration["Services:Eligibility"] ?? "http://eligibility:8080";
        builder.Services.AddServiceClient<EligibilityService.EligibilityServiceClient>("eligibility", eligibility);
        builder.Services.AddSingleton<IAuthorizationRegistry, GrpcAuthorizationRegistry>();
        builder.Services.AddSingleton<ScrubUseCases>();
        return builder;
    }

    public static WebApplication MapScrubbing(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<ScrubbingGrpcService>();
        return app;
    }
}

using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Coding.Api.Grpc;
using RevenueCycle.Coding.Api.ReferenceData;
using RevenueCycle.Coding.Domain.CodeSets;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Infrastructure;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Coding.Api.Extensions;

public static class CodingServiceExtensions
{
    public const string ServiceName = "coding";

    public static WebApplicationBuilder AddCoding(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventHandler<ClaimDeniedIntegrationEvent, CorrectionUseCases>(Topics.ClaimDenied);
        builder.AddServiceDefaults(ServiceName);
        builder.Services.AddSingleton<ICodeSetProvider, DemoCodeSetProvider>();
        builder.Services.AddSingleton<EncounterUseCases>();
        builder.Services.AddSingleton<CorrectionUseCases>();
        return builder;
    }

    public static WebApplication MapCoding(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<CodingGrpcService>();
        return app;
    }
}

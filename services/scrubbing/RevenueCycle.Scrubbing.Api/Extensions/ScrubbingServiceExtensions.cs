using RevenueCycle.Scrubbing.Api.Grpc;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Scrubbing.Api.Extensions;

public static class ScrubbingServiceExtensions
{
    public const string ServiceName = "scrubbing";

    public static WebApplicationBuilder AddScrubbing(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
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

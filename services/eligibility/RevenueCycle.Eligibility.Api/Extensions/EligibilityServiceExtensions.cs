using RevenueCycle.Eligibility.Api.Grpc;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Eligibility.Api.Extensions;

public static class EligibilityServiceExtensions
{
    public const string ServiceName = "eligibility";

    public static WebApplicationBuilder AddEligibility(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        var lifetime = builder.Configuration.GetValue("Eligibility:SnapshotLifetime", EligibilitySettings.Default.SnapshotLifetime);
        builder.Services.AddSingleton(new EligibilitySettings(lifetime));
        builder.Services.AddSingleton<CoverageUseCases>();
        return builder;
    }

    public static WebApplication MapEligibility(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<EligibilityGrpcService>();
        return app;
    }
}

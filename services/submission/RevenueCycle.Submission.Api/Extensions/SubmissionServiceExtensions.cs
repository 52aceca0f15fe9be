using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Infrastructure;
using RevenueCycle.ServiceDefaults.Hosting;
using RevenueCycle.Submission.Api.Clients;
using RevenueCycle.Submission.Api.Grpc;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.Submission.Domain.UseCases;

namespace RevenueCycle.Submission.Api.Extensions;

public static class SubmissionServiceExtensions
{
    public const string ServiceName = "submission";

    public static WebApplicationBuilder AddSubmission(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventHandler<CodingCorrectedIntegrationEvent, ClaimUseCases>(Topics.CodingCorrected);
        builder.AddServiceDefaults(ServiceName);

        // In Kubernetes "scrubbing" is the Service name; a local run points it at the loopback port.
        var scrubbing = builder.Configuration["Services:Scrubbing"] ?? "http://scrubbing:8080";
        builder.Services.AddGrpcClient<ScrubbingService.ScrubbingServiceClient>(o => o.Address = new Uri(scrubbing));
        builder.Services.AddSingleton<IClaimScrubber, GrpcClaimScrubber>();

        var filing = builder.Configuration.GetSection("Submission:TimelyFiling");
        builder.Services.AddSingleton(new TimelyFiling(
            filing.GetValue("DefaultDays", TimelyFiling.Medicare.DefaultDays),
            filing.GetSection("Payers").GetChildren().ToDictionary(c => c.Key, c => int.Parse(c.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture))));
        builder.Services.AddSingleton<ClaimUseCases>();
        return builder;
    }

    public static WebApplication MapSubmission(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<SubmissionGrpcService>();
        return app;
    }
}

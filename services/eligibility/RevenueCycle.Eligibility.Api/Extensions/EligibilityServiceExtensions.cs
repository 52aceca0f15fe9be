using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Eligibility.Api.Clearinghouse;
using RevenueCycle.Eligibility.Api.Clients;
using RevenueCycle.Eligibility.Api.Grpc;
using RevenueCycle.Eligibility.Domain.Ports;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Messaging;
using RevenueCycle.ServiceDefaults.Resilience;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Eligibility.Api.Extensions;

public static class EligibilityServiceExtensions
{
    public const string ServiceName = "eligibility";

    public static WebApplicationBuilder AddEligibility(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventHandler<ClaimSubmittedIntegrationEvent, FrontEndUseCases>(Topics.ClaimSubmitted);
        builder.Services.AddEventHandler<ClaimDeniedIntegrationEvent, FrontEndUseCases>(Topics.ClaimDenied);
        builder.Services.AddEventHandler<ClaimRejectedIntegrationEvent, FrontEndUseCases>(Topics.ClaimRejected);
        builder.AddServiceDefaults(ServiceName);
        var connection = builder.Configuration.GetSection("Eligibility").Get<EligibilityConnectionOptions>() ?? new EligibilityConnectionOptions();
        builder.Services.AddSingleton(connection);
        builder.Services.AddSingleton(connection.ToDomain());
        switch (connection.Exchange.Trim().ToLowerInvariant())
        {
            case "directory" when connection.Outbox.Trim().Length == 0 || connection.Inbox.Trim().Length == 0:
                throw new InvalidOperationException("Eligibility:Exchange Directory needs Eligibility:Outbox and Eligibility:Inbox.");
            case "http" when !Uri.TryCreate(connection.Endpoint, UriKind.Absolute, out _):
                throw new InvalidOperationException("Eligibility:Exchange Http needs Eligibility:Endpoint, the clearinghouse's absolute URL.");
            case "directory":
                builder.Services.AddSingleton<IEligibilityExchange, DirectoryEligibilityExchange>();
                break;
            case "http":
                builder.Services.AddHttpClient<IEligibilityExchange, HttpEligibilityExchange>(http => http.Timeout = connection.PayerTimeout + TimeSpan.FromSeconds(5))
                    .AddClearinghouseResilience("clearinghouse-270");
                break;
            case "sandbox":
                builder.Services.AddSingleton<IEligibilityExchange, SandboxEligibilityExchange>();
                break;
            default:
                throw new InvalidOperationException($"Eligibility:Exchange is '{connection.Exchange}'; use Sandbox, Directory or Http.");
        }

        builder.Services.AddSingleton<CoverageUseCases>();
        builder.Services.AddSingleton<EligibilityUseCases>();
        builder.Services.AddSingleton<AuthorizationUseCases>();
        builder.Services.AddSingleton<FrontEndUseCases>();
        // Expected allowed amounts for estimates come from posting's contracts and fee schedule ("posting" in Kubernetes).
        var posting = builder.Configuration["Services:Posting"] ?? "http://posting:8080";
        builder.Services.AddServiceClient<PostingService.PostingServiceClient>("posting", posting);
        builder.Services.AddSingleton<IFeeSchedule, GrpcFeeSchedule>();
        builder.Services.AddSingleton<EstimateUseCases>();
        builder.Services.AddSingleton<GoodFaithEstimateUseCases>();
        return builder;
    }

    public static WebApplication MapEligibility(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<EligibilityGrpcService>();
        return app;
    }
}

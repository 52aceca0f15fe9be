using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Messaging;
using RevenueCycle.ServiceDefaults.Resilience;
using RevenueCycle.ServiceDefaults.Hosting;
using RevenueCycle.Submission.Api.Clearinghouse;
using RevenueCycle.Submission.Api.Clients;
using RevenueCycle.Submission.Api.Grpc;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.Submission.Domain.UseCases;
using RevenueCycle.X12.Claims;

namespace RevenueCycle.Submission.Api.Extensions;

public static class SubmissionServiceExtensions
{
    public const string ServiceName = "submission";

    public static WebApplicationBuilder AddSubmission(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventHandler<CodingCorrectedIntegrationEvent, ClaimUseCases>(Topics.CodingCorrected);
        builder.Services.AddEventHandler<FrontEndCorrectedIntegrationEvent, ClaimUseCases>(Topics.FrontEndCorrected);
        builder.AddServiceDefaults(ServiceName);

        // In Kubernetes "scrubbing", "posting" and "eligibility" are Service names; a local run points them at loopback ports.
        var scrubbing = builder.Configuration["Services:Scrubbing"] ?? "http://scrubbing:8080";
        builder.Services.AddServiceClient<ScrubbingService.ScrubbingServiceClient>("scrubbing", scrubbing);
        builder.Services.AddSingleton<IClaimScrubber, GrpcClaimScrubber>();
        var posting = builder.Configuration["Services:Posting"] ?? "http://posting:8080";
        builder.Services.AddServiceClient<PostingService.PostingServiceClient>("posting", posting);
        builder.Services.AddSingleton<IRemittancePoster, GrpcRemittancePoster>();
        var eligibility = builder.Configuration["Services:Eligibility"] ?? "http://eligibility:8080";
        builder.Services.AddServiceClient<EligibilityService.EligibilityServiceClient>("eligibility", eligibility);
        builder.Services.AddSingleton<ICoverageDirectory, GrpcCoverageDirectory>();

        var options = builder.Configuration.GetSection("Submission").Get<SubmissionOptions>() ?? new SubmissionOptions();
        if (options.StatusInquiryAfterDays is < 0 or > StatusInquiryUseCases.MaxSilentDays)
        {
            throw new InvalidOperationException($"Submission:StatusInquiryAfterDays must be between 0 (off) and {StatusInquiryUseCases.MaxSilentDays}; it is {options.StatusInquiryAfterDays}.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new SubmissionSettings(
            new Submitter837(options.SubmitterName, options.SubmitterId, options.ContactName, options.ContactPhone, options.ReceiverName, options.ReceiverId),
            options.Production, options.BatchSize));
        if (options.Clearinghouse.Equals("Directory", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton<IClearinghouse, DirectoryClearinghouse>();
        }
        else
        {
            builder.Services.AddSingleton<IClearinghouse, SandboxClearinghouse>();
        }

        builder.Services.AddSingleton<ClaimUseCases>();
        builder.Services.AddSingleton<TransmissionUseCases>();
        builder.Services.AddSingleton<IntakeUseCases>();
        builder.Services.AddSingleton<StatusInquiryUseCases>();
        builder.Services.AddHostedService<ClearinghouseWorker>();
        return builder;
    }

    public static WebApplication MapSubmission(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<SubmissionGrpcService>();
        return app;
    }
}

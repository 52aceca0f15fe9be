using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Messaging;
using RevenueCycle.Posting.Api.Grpc;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Posting.Api.Extensions;

public static class PostingServiceExtensions
{
    public const string ServiceName = "posting";

    public static WebApplicationBuilder AddPosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddEventHandler<ClaimSubmittedIntegrationEvent, SubmittedClaimUseCases>(Topics.ClaimSubmitted);
        builder.AddServiceDefaults(ServiceName);
        var options = (builder.Configuration.GetSection("Posting").Get<PostingOptions>() ?? new PostingOptions()).Resolved();
        builder.Services.AddSingleton(options);
        // Loaded now: a fee schedule or code list that cannot be read stops the service at start, with its file and line;
        // after that each path is watched, and a new release that fails to load leaves the tables in force.
        var tables = options.LoadTables();
        builder.Services.AddSingleton(tables);
        foreach (var (what, path) in new[] { ("Fee schedule", options.FeeSchedule), ("Contracts", options.Contracts), ("CARC/RARC lists", options.AdjustmentCodes) })
        {
            if (path.Length > 0)
            {
                builder.Services.AddSingleton<IHostedService>(sp => new PostingTablesWatcher(what, path, tables, options, sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<PostingTablesWatcher>>()));
            }
        }
        builder.Services.AddSingleton<RemittanceUseCases>();
        builder.Services.AddSingleton<RemittanceQueries>();
        builder.Services.AddSingleton<DenialUseCases>();
        builder.Services.AddSingleton<RemittanceFileUseCases>();
        builder.Services.AddSingleton<SubmittedClaimUseCases>();
        builder.Services.AddSingleton<UnmatchedUseCases>();
        builder.Services.AddSingleton<DepositUseCases>();
        builder.Services.AddSingleton<UnderpaymentUseCases>();
        return builder;
    }

    public static WebApplication MapPosting(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<PostingGrpcService>();
        return app;
    }
}

using RevenueCycle.Posting.Api.Grpc;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Posting.Api.Extensions;

public static class PostingServiceExtensions
{
    public const string ServiceName = "posting";

    public static WebApplicationBuilder AddPosting(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults(ServiceName);
        builder.Services.AddSingleton<RemittanceUseCases>();
        return builder;
    }

    public static WebApplication MapPosting(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGrpcService<PostingGrpcService>();
        return app;
    }
}

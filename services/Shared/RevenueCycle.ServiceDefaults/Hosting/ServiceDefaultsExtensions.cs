using System.Net;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RevenueCycle.BuildingBlocks.Privacy;
using RevenueCycle.Infrastructure;
using RevenueCycle.Messaging;
using RevenueCycle.ServiceDefaults.Grpc;
using RevenueCycle.ServiceDefaults.Resilience;

namespace RevenueCycle.ServiceDefaults.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Kestrel listeners, gRPC with JSON transcoding, reflection and health, OpenTelemetry, structured logs,
    /// storage and messaging for the named service. Configuration has embedded defaults; every key can be
    /// overridden by environment variables (<c>Storage__Provider=Redis</c>).
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string service)
    {
        var hosting = builder.Configuration.GetSection("Hosting").Get<HostingOptions>() ?? new HostingOptions();
        var bound = new BoundEndpoints();
        builder.Services.AddSingleton(bound);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.Parse(hosting.BindAddress);
            kestrel.Listen(address, hosting.GrpcPort, listen => (listen.Protocols, bound.Grpc) = (HttpProtocols.Http2, listen));
            kestrel.Listen(address, hosting.HttpPort, listen => (listen.Protocols, bound.Http) = (HttpProtocols.Http1, listen));
            kestrel.AddServerHeader = false;
        });

        builder.AddStructuredLogging();
        builder.AddTelemetry(service);

        builder.Services.AddSingleton<ErrorMappingInterceptor>();
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services
            .AddGrpc(options =>
            {
                options.Interceptors.Add<AuditInterceptor>(); // outermost: sees the mapped status of every call
                options.Interceptors.Add<ErrorMappingInterceptor>();
                options.MaxReceiveMessageSize = 16 * 1024 * 1024;
                options.EnableDetailedErrors = false; // exception text could echo request data
            })
            .AddJsonTranscoding(options => options.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor));
        builder.Services.AddGrpcReflection();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        // gRPC health: "" (the Kubernetes liveness probe) is the process only; "ready" adds Redis, so an outage
        // takes pods out of rotation without restarting them.
        builder.Services.AddGrpcHealthChecks(o =>
        {
            o.Services.Map("", result => result.Tags.Contains("live"));
            o.Services.Map("ready", _ => true);
        });

        builder.Services.AddSingleton(builder.Configuration.GetSection("Resilience").Get<ResilienceOptions>() ?? new ResilienceOptions());
        builder.Services.AddResilienceTelemetry();
        builder.Services.AddDocumentStore(builder.Configuration, service);
        builder.Services.AddMessaging(builder.Configuration, service);
        return builder;
    }

    /// <summary>Health endpoints (HTTP and gRPC, in every environment), reflection, the audit trail's service and the event subscriptions.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<MalformedRequestMiddleware>();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = _ => true });
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<DeadLetterGrpcService>();
        app.MapEventSubscriptions();
        return app;
    }

    private static void AddStructuredLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Logging:Simple"))
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        // Request bodies, headers and query strings are never logged: they carry PHI.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc.AspNetCore.Server", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc.AspNetCore.Grpc.JsonTranscoding", LogLevel.Warning);
    }

    private static void AddTelemetry(this WebApplicationBuilder builder, string service)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(service))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                    // Paths and query strings may carry identifiers (an account number is PHI): mask them in spans.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        activity.SetTag("url.query", null);
                        activity.SetTag("url.path", PathRedaction.Redact(request.Path.Value));
                        activity.DisplayName = $"{request.Method} {PathRedaction.Redact(request.Path.Value)}";
                    };
                    // Once routed, the route template (/v1/collections/accounts/{account_id}) is exact and PHI-free.
                    o.EnrichWithHttpResponse = (activity, response) =>
                    {
                        if (response.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template })
                        {
                            activity.SetTag("url.path", template);
                        }
                    };
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    activity.SetTag("url.query", null);
                    activity.SetTag("url.full", null);
                    activity.SetTag("url.path", PathRedaction.Redact(request.RequestUri?.AbsolutePath));
                }))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
    }
}

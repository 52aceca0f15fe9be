using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RevenueCycle.Gateway.ApiReference;
using RevenueCycle.Gateway.Dashboard;
using RevenueCycle.Gateway.Middleware;
using RevenueCycle.Gateway.Routing;
using RevenueCycle.Gateway.Security;
using Yarp.ReverseProxy.Forwarder;

namespace RevenueCycle.Gateway.Extensions;

public static class GatewayExtensions
{
    /// <summary>Kestrel (8080 h2c for gRPC, 8081 HTTP/1.1 for JSON and probes), YARP with the route table, API keys, telemetry.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        // API keys may live in a file of their own (a mounted Secret) that is re-read when it changes: keys rotate without a restart.
        if (builder.Configuration["Gateway:ApiKeysFile"] is { Length: > 0 } keysFile)
        {
            builder.Configuration.AddJsonFile(keysFile, optional: false, reloadOnChange: true);
        }

        var options = builder.Configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        var grpcPort = builder.Configuration.GetValue("Hosting:GrpcPort", 8080);
        var httpPort = builder.Configuration.GetValue("Hosting:HttpPort", 8081);
        var bind = IPAddress.Parse(builder.Configuration["Hosting:BindAddress"] ?? "0.0.0.0");
        var bound = new GatewayEndpoints();
        builder.Services.AddSingleton(bound);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(bind, grpcPort, listen => (listen.Protocols, bound.Grpc) = (HttpProtocols.Http2, listen));
            kestrel.Listen(bind, httpPort, listen => (listen.Protocols, bound.Http) = (HttpProtocols.Http1, listen));
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxRequestBodyBytes, options.MaxUploadBytes); // lowered per request
        });

        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Logging:Simple"))
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        // YARP and hosting log full URLs at Information; the access log says what is needed without PHI.
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("gateway"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        var path = AccessLogMiddleware.SafePath(request.Path); // once a request, not once a use
                        activity.SetTag("url.query", null);
                        activity.SetTag("url.path", path);
                        activity.DisplayName = $"{request.Method} {path}";
                    };
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, _) => activity.SetTag("url.full", null)))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new ApiKeyAuthenticator(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<RateLimitLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RateLimitLog>());
        builder.Services.AddSingleton<IForwarderHttpClientFactory>(new GatewayHttpClientFactory(options.ConnectTimeout));
        builder.Services.AddHealthChecks();
        builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.Routes(options), GatewayRoutes.Clusters(options));
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<AccessLogMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapHealthChecks("/health/live");
        app.MapHealthChecks("/health/ready");
        app.MapDashboard();
        app.MapApiReference();
        app.MapReverseProxy(proxy => proxy.Use(AnswerForwardingErrorsAsync));
        return app;
    }

    /// <summary>A backend that is down or silent becomes UNAVAILABLE / DEADLINE_EXCEEDED in the caller's protocol.</summary>
    private static async Task AnswerForwardingErrorsAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
        {
            return;
        }

        var service = context.GetRouteModel().Config.ClusterId;
        var (grpc, http, message) = error.Error switch
        {
            ForwarderError.RequestTimedOut => (GatewayErrors.DeadlineExceeded, StatusCodes.Status504GatewayTimeout, $"The {service} service did not answer in time."),
            ForwarderError.RequestBodyClient when BodyTooLarge(error.Exception) =>
                (GatewayErrors.ResourceExhausted, StatusCodes.Status413PayloadTooLarge, "The request body is too large."),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled => (GatewayErrors.Cancelled, 499, "The caller cancelled the request."),
            _ => (GatewayErrors.Unavailable, StatusCodes.Status503ServiceUnavailable, $"The {service} service is unavailable; retry later."),
        };
        await GatewayErrors.WriteAsync(context, grpc, http, message);
    }

    /// <summary>Kestrel cut the body off at the limit; YARP may report it wrapped (an AggregateException of the copy and the send).</summary>
    private static bool BodyTooLarge(Exception? exception) => exception switch
    {
        null => false,
        Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(BodyTooLarge),
        _ => BodyTooLarge(exception.InnerException),
    };
}

/// <summary>The gateway's listeners as bound; with port 0 the real ports are known only after start.</summary>
public sealed class GatewayEndpoints
{
    internal ListenOptions? Grpc { get; set; }

    internal ListenOptions? Http { get; set; }

    public int GrpcPort => Grpc?.IPEndPoint?.Port ?? throw new InvalidOperationException("The gateway has not started.");

    public int HttpPort => Http?.IPEndPoint?.Port ?? throw new InvalidOperationException("The gateway has not started.");
}

/// <summary>YARP's backend client with a short connect timeout, so a service that is down fails fast.</summary>
internal sealed class GatewayHttpClientFactory(TimeSpan connectTimeout) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = connectTimeout;
        handler.EnableMultipleHttp2Connections = true;
    }
}

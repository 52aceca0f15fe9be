using System.Diagnostics;
using RevenueCycle.BuildingBlocks.Privacy;
using RevenueCycle.Gateway.Routing;
using RevenueCycle.Gateway.Security;

namespace RevenueCycle.Gateway.Middleware;

/// <summary>
/// One line per request: client, service, method, a PHI-free path, status, bytes and time. Query strings,
/// headers and bodies are never logged; path segments that look like identifiers are masked, since an account
/// or member number in a URL is PHI. Requests the rate limit refused are counted, not logged one by one (<see cref="RateLimitLog"/>).
/// </summary>
public sealed partial class AccessLogMiddleware(RequestDelegate next, RateLimitLog rateLimitLog, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var client = context.Items[nameof(ApiClient)] is ApiClient c ? c.Name : "-";
            var service = context.GetEndpoint()?.Metadata.GetMetadata<Yarp.ReverseProxy.Model.RouteModel>()?.Config.Metadata?.GetValueOrDefault(GatewayRoutes.ServiceMetadata) ?? "-";
            if (context.Items.ContainsKey(RateLimitLog.RefusedItem))
            {
                rateLimitLog.Refused(client, service);
            }
            else if (logger.IsEnabled(LogLevel.Information))
            {
                // Checked before the line's arguments are built: the path redaction (a split, regexes, a string builder)
                // and the header read are work on every request, wasted when the access log is turned down (a demo
                // batch, make bench-gateway).
                var grpcStatus = context.Response.Headers["grpc-status"].ToString();
                LogRequest(logger, client, service, context.Request.Method, SafePath(context.Request.Path), context.Response.StatusCode,
                    grpcStatus.Length == 0 ? "-" : grpcStatus, context.Request.ContentLength ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    context.Items[CorrelationIdMiddleware.Header] as string ?? "-");
            }
        }
    }

    /// <summary>The path as logged: identifiers masked (see <see cref="PathRedaction"/>).</summary>
    public static string SafePath(PathString path) => PathRedaction.Redact(path.Value);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Client} {Service} {Method} {Path} -> {Status} grpc-status {GrpcStatus} {RequestBytes} B in {ElapsedMs:F1} ms [{CorrelationId}]")]
    private static partial void LogRequest(ILogger logger, string client, string service, string method, string path, int status, string grpcStatus, long requestBytes, double elapsedMs, string correlationId);
}

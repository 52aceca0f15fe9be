using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using RevenueCycle.Gateway.Routing;
using RevenueCycle.Gateway.Security;

namespace RevenueCycle.Gateway.Middleware;

/// <summary>
/// One line per request: client, service, method, a PHI-free path, status, bytes and time. Query strings,
/// headers and bodies are never logged; path segments that look like identifiers are masked, since an account
/// or member number in a URL is PHI.
/// </summary>
public sealed partial class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger)
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
            var grpcStatus = context.Response.Headers["grpc-status"].ToString();
            LogRequest(logger, client, service, context.Request.Method, SafePath(context.Request.Path), context.Response.StatusCode,
                grpcStatus.Length == 0 ? "-" : grpcStatus, context.Request.ContentLength ?? 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.Items[CorrelationIdMiddleware.Header] as string ?? "-");
        }
    }

    /// <summary>Keeps literal segments (<c>/v1/coding/encounters</c>) and masks identifier-like ones.</summary>
    public static string SafePath(PathString path)
    {
        var value = path.Value ?? "/";
        if (value.StartsWith("/revenuecycle.", StringComparison.Ordinal))
        {
            return value; // a gRPC method name
        }

        var builder = new StringBuilder();
        foreach (var segment in value.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/').Append(LooksLikeIdentifier(segment) ? "{id}" : segment);
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    private static bool LooksLikeIdentifier(string segment) =>
        !VersionSegment().IsMatch(segment) && (segment.Any(char.IsDigit) || segment.Length > 24 || segment.Contains('@') || segment.Contains('%'));

    [GeneratedRegex("^v[0-9]{1,2}$")]
    private static partial Regex VersionSegment();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Client} {Service} {Method} {Path} -> {Status} grpc-status {GrpcStatus} {RequestBytes} B in {ElapsedMs:F1} ms [{CorrelationId}]")]
    private static partial void LogRequest(ILogger logger, string client, string service, string method, string path, int status, string grpcStatus, long requestBytes, double elapsedMs, string correlationId);
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using RevenueCycle.Gateway.Routing;
using RevenueCycle.Gateway.Security;
using Yarp.ReverseProxy.Model;

namespace RevenueCycle.Gateway.Middleware;

/// <summary>
/// Admission to a route: unknown routes get 404 (UNIMPLEMENTED for gRPC) without touching a backend; then the
/// API key (UNAUTHENTICATED / 401, saying when it expired or was revoked), the scope: the service's, its read or
/// write half, or the audit scope for the audit routes (PERMISSION_DENIED / 403), the key's rate limit
/// (RESOURCE_EXHAUSTED / 429) and the body size limit (RESOURCE_EXHAUSTED / 413). The client name, key id and
/// admitting scope are passed to the service for its audit trail; a caller cannot set them itself.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator, GatewayOptions options)
{
    public const string ApiKeyHeader = "x-api-key";
    public const string ClientHeader = "x-rcm-client";
    public const string KeyIdHeader = "x-rcm-key-id";
    public const string ScopeHeader = "x-rcm-scope";

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = options.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async Task InvokeAsync(HttpContext context)
    {
        context.Request.Headers.Remove(ClientHeader); // the gateway alone says who is calling
        context.Request.Headers.Remove(KeyIdHeader);
        context.Request.Headers.Remove(ScopeHeader);
        var routeMetadata = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata;
        var service = routeMetadata?.GetValueOrDefault(GatewayRoutes.ServiceMetadata);
        if (service is null)
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/health") || path.StartsWithSegments(Dashboard.DashboardEndpoints.Path) || ApiReference.ApiReferenceEndpoints.IsPublic(path))
            {
                // The gateway's own probes, the dashboard's shell and the API reference: no data (their calls carry the key).
                await next(context);
                return;
            }

            await GatewayErrors.WriteAsync(context, GatewayErrors.Unimplemented, StatusCodes.Status404NotFound, "No service answers this route.");
            return;
        }

        var (client, refusal) = authenticator.Check(PresentedKey(context.Request));
        if (client is null)
        {
            await GatewayErrors.WriteAsync(context, GatewayErrors.Unauthenticated, StatusCodes.Status401Unauthorized, refusal?.Message ?? $"A valid API key is required in the {ApiKeyHeader} header.");
            return;
        }

        context.Items[nameof(ApiClient)] = client;
        var scope = Admitting(client, service, routeMetadata?.GetValueOrDefault(GatewayRoutes.ScopeMetadata), context, out var denied);
        if (scope is null)
        {
            await GatewayErrors.WriteAsync(context, GatewayErrors.PermissionDenied, StatusCodes.Status403Forbidden, denied);
            return;
        }

        using var lease = _limiter.AttemptAcquire(client.Name);
        if (!lease.IsAcquired)
        {
            context.Response.Headers.RetryAfter = "1";
            context.Items[RateLimitLog.RefusedItem] = true;
            await GatewayErrors.WriteAsync(context, GatewayErrors.ResourceExhausted, StatusCodes.Status429TooManyRequests, "Rate limit exceeded for this API key; retry later.");
            return;
        }

        var limit = options.BodyLimitFor(context.Request.Path);
        if (context.Request.ContentLength > limit)
        {
            await GatewayErrors.WriteAsync(context, GatewayErrors.ResourceExhausted, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {limit} bytes.");
            return;
        }

        // Bodies without a length (chunked JSON, gRPC over HTTP/2) are cut off at the same limit as they are read: Kestrel's
        // own limit for what is still to come, and a counting stream for what HTTP/2 flow control let in before this point
        // (Kestrel checks the limit as frames arrive, so an over-limit body already buffered would pass).
        if (context.Request.ContentLength is null)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                sizeFeature.MaxRequestBodySize = limit;
            }

            context.Request.Body = new BodyLimitStream(context.Request.Body, limit);
        }

        context.Request.Headers.Remove(ApiKeyHeader);
        context.Request.Headers.Authorization = default;
        context.Request.Headers[ClientHeader] = client.Name;
        context.Request.Headers[KeyIdHeader] = client.KeyId;
        context.Request.Headers[ScopeHeader] = scope;
        await next(context);
    }

    /// <summary>The scope that lets the client make this call, or null with the reason.</summary>
    private static string? Admitting(ApiClient client, string service, string? routeScope, HttpContext context, out string denied)
    {
        denied = "";
        if (routeScope == ApiClient.AuditScope)
        {
            denied = $"Reading the {service} service's audit trail needs the {ApiClient.AuditScope} scope.";
            return client.MayAudit ? ApiClient.AuditScope : null;
        }

        var read = CallKinds.IsRead(context);
        var scope = client.ScopeFor(service, read);
        if (scope is null)
        {
            denied = client.ScopeFor(service, !read) is { } other
                ? $"This API key may only {(read ? "write to" : "read")} the {service} service ({other}); this call {(read ? "reads" : "writes")}."
                : $"This API key may not call the {service} service.";
        }

        return scope;
    }

    internal static string? PresentedKey(HttpRequest request)
    {
        var key = request.Headers[ApiKeyHeader].ToString();
        if (key.Length > 0)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}

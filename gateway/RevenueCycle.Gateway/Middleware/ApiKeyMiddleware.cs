using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using RevenueCycle.Gateway.Routing;
using RevenueCycle.Gateway.Security;
using Yarp.ReverseProxy.Model;

namespace RevenueCycle.Gateway.Middleware;

/// <summary>
/// Admission to a route: unknown routes get 404 (UNIMPLEMENTED for gRPC) without touching a backend; then the
/// API key (UNAUTHENTICATED / 401), the service scope (PERMISSION_DENIED / 403), the key's rate limit
/// (RESOURCE_EXHAUSTED / 429) and the body size limit (RESOURCE_EXHAUSTED / 413). The client name is passed to
/// the service for its audit trail; a caller cannot set it itself.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator, GatewayOptions options)
{
    public const string ApiKeyHeader = "x-api-key";
    public const string ClientHeader = "x-rcm-client";

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
        context.Request.Headers.Remove(ClientHeader);
        var service = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.GetValueOrDefault(GatewayRoutes.ServiceMetadata);
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

        var client = authenticator.Authenticate(PresentedKey(context.Request));
        if (client is null)
        {
            await GatewayErrors.WriteAsync(context, GatewayErrors.Unauthenticated, StatusCodes.Status401Unauthorized, $"A valid API key is required in the {ApiKeyHeader} header.");
            return;
        }

        context.Items[nameof(ApiClient)] = client;
        if (!client.MayCall(service))
        {
            await GatewayErrors.WriteAsync(context, GatewayErrors.PermissionDenied, StatusCodes.Status403Forbidden, $"This API key may not call the {service} service.");
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
        await next(context);
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

using System.Globalization;

namespace RevenueCycle.Gateway.Middleware;

/// <summary>
/// Answers a request the gateway refuses in the caller's protocol: a gRPC caller gets a trailers-only response
/// with grpc-status, a JSON caller the HTTP status and the same <c>{code, message}</c> body transcoding uses.
/// </summary>
public static class GatewayErrors
{
    public const int Cancelled = 1, Unknown = 2, InvalidArgument = 3, DeadlineExceeded = 4, NotFound = 5, PermissionDenied = 7,
        ResourceExhausted = 8, Unimplemented = 12, Unavailable = 14, Unauthenticated = 16;

    public static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, int grpcStatus, int httpStatus, string message)
    {
        if (IsGrpc(context))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = grpcStatus.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = httpStatus;
        return context.Response.WriteAsJsonAsync(new { code = grpcStatus, message, details = Array.Empty<object>() });
    }
}

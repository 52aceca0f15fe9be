using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RevenueCycle.Gateway.Middleware;

/// <summary>
/// Gives every request a correlation id: the caller's <c>x-correlation-id</c> when it is well-formed, else a new
/// one. It is forwarded to the service, returned to the caller, tagged on the trace and put in the log scope.
/// </summary>
public sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string Header = "x-correlation-id";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex WellFormed();

    public async Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[Header].ToString();
        var id = WellFormed().IsMatch(presented) ? presented : NewId();
        context.Request.Headers[Header] = id;
        context.Response.Headers[Header] = id;
        context.Items[Header] = id;
        Activity.Current?.SetTag("correlation.id", id);
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    /// <summary>
    /// 128 random bits as 32 lower-case hex digits. Not Guid.NewGuid: on Linux the runtime reads /dev/urandom for it, a
    /// system call on every request (perf counted one read() a proxied call). An id must be unique, not secret: a
    /// caller may choose its own, and a minted one is guessable, so it is never a token.
    /// </summary>
    private static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}

using RevenueCycle.Gateway.Middleware;
using RevenueCycle.Gateway.Security;

namespace RevenueCycle.Gateway.Dashboard;

/// <summary>
/// <c>/dashboard</c>: a static shell (HTML, CSS, script embedded in the gateway) that holds no data. It calls the same
/// JSON routes as any internal app, with the key the user types, so the key's scopes decide what it shows and nothing
/// is served to a browser without one; who a claim is for (patient, member id) only for a key with the "phi" scope. A strict content security policy keeps it to this origin: no CDN, no inline script.
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    private static readonly (string File, string ContentType)[] Files =
    [
        ("dashboard.html", "text/html; charset=utf-8"), ("dashboard.css", "text/css; charset=utf-8"), ("dashboard.js", "text/javascript; charset=utf-8"),
    ];

    public static WebApplication MapDashboard(this WebApplication app)
    {
        foreach (var (file, contentType) in Files)
        {
            var content = Read(file);
            var route = file == "dashboard.html" ? Path : $"{Path}/{file}";
            app.MapGet(route, (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers.CacheControl = "no-store";
                return Results.Bytes(content, contentType);
            });
        }

        // What the page may show for the key it holds: its name and whether it may see PHI. The key is checked here (the
        // dashboard's paths pass the admission middleware, which routes data only); no key, 401.
        app.MapGet($"{Path}/session", (HttpContext context, ApiKeyAuthenticator keys) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return keys.Authenticate(ApiKeyMiddleware.PresentedKey(context.Request)) is { } client
                ? Results.Json(new { client = client.Name, phi = client.MaySeePhi })
                : Results.Json(new { error = $"A valid API key is required in the {ApiKeyMiddleware.ApiKeyHeader} header." }, statusCode: StatusCodes.Status401Unauthorized);
        });

        return app;
    }

    private static byte[] Read(string file)
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream($"RevenueCycle.Gateway.Dashboard.{file}")
            ?? throw new InvalidOperationException($"The dashboard file {file} is not embedded in the gateway.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

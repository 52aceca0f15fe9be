using System.Text;
using Scalar.AspNetCore;

namespace RevenueCycle.Gateway.ApiReference;

/// <summary>
/// The API reference of the JSON routes: <c>/openapi/v1.json</c>, the OpenAPI document generated at start from the
/// protos (<see cref="OpenApiDocumentBuilder"/>), and <c>/api-reference</c>, Scalar's interactive page over it. Both are
/// public like the dashboard: they hold no data, and a call tried from the page carries the key the user enters.
/// Scalar's script is served from the assembly (no CDN), its fonts are not fetched, its telemetry, AI agent and MCP
/// features are off; the page's CSP allows this origin only, its inline configuration script by a per-request nonce.
/// </summary>
public static class ApiReferenceEndpoints
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/api-reference";

    /// <summary>Paths the API key check lets through: the document and the page with its assets.</summary>
    public static bool IsPublic(PathString path) => path.StartsWithSegments(DocumentPath) || path.StartsWithSegments(PagePath);

    public static WebApplication MapApiReference(this WebApplication app)
    {
        var document = Encoding.UTF8.GetBytes(OpenApiDocumentBuilder.ToJson(OpenApiDocumentBuilder.Build()));
        app.MapGet(DocumentPath, (HttpContext context) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(document, "application/json; charset=utf-8");
        });

        app.MapScalarApiReference(PagePath, options => options
                .WithTitle("RevenueCycle API reference")
                .WithOpenApiRoutePattern(DocumentPath)
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .AddPreferredSecuritySchemes(OpenApiDocumentBuilder.SecurityScheme))
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                var response = context.HttpContext.Response;
                var nonce = context.HttpContext.Items[ScalarOptions.NonceHttpContextItemKey] as string;
                // What the page needs, checked in Chromium: Scalar injects its styles at run time (<style> elements without
                // the nonce), hence 'unsafe-inline' for styles only; scripts are this origin's bundle and the nonce'd
                // configuration; the document, and calls tried from the page, go to this origin.
                response.Headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; " +
                    "img-src 'self'; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
                response.Headers.XContentTypeOptions = "nosniff";
                return result;
            });
        return app;
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using RevenueCycle.Gateway.ApiReference;
using RevenueCycle.Gateway.Routing;

namespace RevenueCycle.Gateway.Tests.ApiReference;

/// <summary>The OpenAPI document and the Scalar page, from the running gateway, held against the protos and the route table.</summary>
public sealed partial class ApiReferenceTests(PlatformFixture fixture)
{
    private HttpClient Anonymous() => new() { BaseAddress = fixture.Platform.GatewayHttp };

    /// <summary>The document as served, read back by Microsoft.OpenApi's reader, which must find no error in it.</summary>
    private async Task<(OpenApiDocument Document, HttpResponseMessage Response, OpenApiSpecVersion Version)> FetchAsync()
    {
        using var http = Anonymous();
        var response = await http.GetAsync(ApiReferenceEndpoints.DocumentPath, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        return (read.Document!, response, read.Diagnostic!.SpecificationVersion);
    }

    [Fact]
    public async Task Document_WithoutKey_IsOpenApi31WithTheKeyRequiredEverywhere()
    {
        var (document, response, version) = await FetchAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, version);
        var scheme = Assert.Single(document.Components!.SecuritySchemes!);
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "x-api-key"), (scheme.Value.Type!.Value, scheme.Value.In!.Value, scheme.Value.Name));
        var requirement = Assert.Single(document.Security!);
        Assert.Equal(scheme.Key, Assert.Single(requirement.Keys).Reference.Id);
    }

    [Fact]
    public async Task Document_HasEveryAnnotatedRpcOfEveryService_WithItsVerbAndPath()
    {
        var (document, _, _) = await FetchAsync();
        var expected = ContractServices.All
            .SelectMany(s => s.Descriptor.Methods)
            .Select(m => (Method: m, Rule: OpenApiDocumentBuilder.HttpRuleOf(m)))
            .Where(m => m.Rule is not null)
            .SelectMany(m => new[] { m.Rule! }.Concat(m.Rule!.AdditionalBindings).Select(b => (m.Method, Binding: OpenApiDocumentBuilder.VerbAndPath(b))))
            .ToArray();

        Assert.Equal(95, expected.Length); // every rpc but the client-streaming ones; a new rpc changes this on purpose
        foreach (var (method, (verb, template)) in expected)
        {
            Assert.True(document.Paths.TryGetValue(template, out var item), $"{method.FullName}: {template} is not in the document.");
            Assert.True(item.Operations!.TryGetValue(verb, out var operation), $"{method.FullName}: {verb} {template} is not in the document.");
            Assert.Equal($"/{method.Service.FullName}/{method.Name}", operation.Extensions!["x-grpc-method"] is JsonNodeExtension node ? node.Node.GetValue<string>() : null);
        }

        Assert.Equal(expected.Length, document.Paths.Sum(p => p.Value.Operations!.Count));
        // A service with HTTP rules that the gateway does not route would be missing from the document: the route table has them all.
        Assert.All(ContractServices.All.Where(s => s.Descriptor.Methods.Any(m => OpenApiDocumentBuilder.HttpRuleOf(m) is not null)),
            s => Assert.True(
                s.Descriptor.FullName is GatewayRoutes.AuditProtoService or GatewayRoutes.DeadLetterProtoService || GatewayRoutes.Services.Any(r => r.ProtoService == s.Descriptor.FullName),
                $"{s.Descriptor.FullName} is not routed"));
    }

    [Fact]
    public async Task EveryDocumentedRoute_IsRoutedByTheGateway()
    {
        var (document, _, _) = await FetchAsync();
        using var http = Anonymous();

        foreach (var (path, item) in document.Paths)
        {
            foreach (var verb in item.Operations!.Keys)
            {
                // The audit trail's path names the service whose trail it is: a real one is routed, "x" is not.
                using var request = new HttpRequestMessage(verb, PathVariable().Replace(path.Replace("{service}", "coding", StringComparison.Ordinal), "x"));
                using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

                // 401 means a YARP route matched and admission asked for the key; an unrouted path is 404.
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{verb} {path}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Kpis_HaveTheirQueryParameters_ByJsonName()
    {
        var (document, _, _) = await FetchAsync();

        var operation = document.Paths["/v1/collections/kpis"].Operations![HttpMethod.Get];

        Assert.Equal(["from", "to", "by", "payerId"], operation.Parameters!.Select(p => p.Name));
        Assert.All(operation.Parameters!, p => Assert.Equal((ParameterLocation.Query, JsonSchemaType.String), (p.In!.Value, p.Schema!.Type!.Value)));
        Assert.Equal("revenuecycle.collections.v1.Kpis", Reference(operation.Responses!["200"].Content!["application/json"].Schema));
        Assert.Null(operation.RequestBody);
    }

    [Fact]
    public async Task SubmitClaim_HasItsBodySchema_AndPathVariablesAreParameters()
    {
        var (document, _, _) = await FetchAsync();

        var submit = document.Paths["/v1/submission/claims"].Operations![HttpMethod.Post];
        var body = submit.RequestBody!.Content!["application/json"].Schema!;
        var request = document.Components!.Schemas![Reference(body)!];
        var claim = document.Components.Schemas["revenuecycle.common.v1.Claim"];
        var get = document.Paths["/v1/submission/claims/{claim_id}"].Operations![HttpMethod.Get];

        Assert.Equal("revenuecycle.submission.v1.SubmitClaimRequest", Reference(body));
        Assert.Equal(JsonSchemaType.String, request.Properties!["idempotencyKey"].Type);
        Assert.Equal("revenuecycle.common.v1.Claim", Reference(request.Properties["claim"]));
        Assert.Contains("claimId", claim.Properties!.Keys);
        Assert.Equal((JsonSchemaType.Integer, "int64"), (claim.Properties["totalChargeCents"].Type!.Value, claim.Properties["totalChargeCents"].Format));
        Assert.Equal(["submission"], submit.Tags!.Select(t => t.Name));
        Assert.False(string.IsNullOrWhiteSpace(submit.Description)); // the rpc's proto comment
        var parameter = Assert.Single(get.Parameters!);
        Assert.Equal(("claim_id", ParameterLocation.Path, true), (parameter.Name, parameter.In!.Value, parameter.Required));
    }

    [Fact]
    public async Task Enums_AreTheirValueNames_AndHttpBodyRepliesAreRaw()
    {
        var (document, _, _) = await FetchAsync();

        var sex = document.Components!.Schemas!["revenuecycle.common.v1.Sex"];
        var pareto = document.Paths["/v1/collections/kpis/denial-pareto"].Operations![HttpMethod.Get];

        Assert.Equal(JsonSchemaType.String, sex.Type);
        Assert.Contains("SEX_FEMALE", sex.Enum!.Select(e => e.GetValue<string>()));
        Assert.Equal("*/*", Assert.Single(pareto.Responses!["200"].Content!).Key);
    }

    [Fact]
    public async Task Page_WithoutKey_IsHtmlWithOnlyLocalScripts_UnderANonceCsp()
    {
        using var http = Anonymous();
        var ct = TestContext.Current.CancellationToken;

        using var page = await http.GetAsync($"{ApiReferenceEndpoints.PagePath}/", ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.DoesNotMatch("^(https?:)?//", src));
        foreach (var src in scripts)
        {
            using var script = await http.GetAsync(new Uri(new Uri(http.BaseAddress!, $"{ApiReferenceEndpoints.PagePath}/"), src), ct);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        Assert.Matches("script-src 'self' 'nonce-[^']+';", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("http", csp);
        Assert.DoesNotContain("fonts.", html); // no web fonts from a CDN
    }

    private static string? Reference(IOpenApiSchema? schema) => (schema as OpenApiSchemaReference)?.Reference.Id;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathVariable();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}

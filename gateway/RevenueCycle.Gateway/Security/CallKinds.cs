using System.Collections.Frozen;
using Google.Api;
using RevenueCycle.Gateway.ApiReference;
using RevenueCycle.Gateway.Middleware;

namespace RevenueCycle.Gateway.Security;

/// <summary>
/// Whether a call reads or writes, for the <c>{service}:read</c> and <c>{service}:write</c> scopes: over JSON its HTTP
/// method, over gRPC the HTTP method the rpc is annotated with in its proto (GET is a read). An rpc without a GET
/// annotation, streaming uploads included, is a write.
/// </summary>
public static class CallKinds
{
    private static readonly FrozenSet<string> ReadMethods = ContractServices.All
        .SelectMany(s => s.Descriptor.Methods
            .Where(m => OpenApiDocumentBuilder.HttpRuleOf(m)?.PatternCase == HttpRule.PatternOneofCase.Get)
            .Select(m => $"/{s.Descriptor.FullName}/{m.Name}"))
        .ToFrozenSet(StringComparer.Ordinal);

    public static bool IsRead(HttpContext context) => GatewayErrors.IsGrpc(context)
        ? ReadMethods.Contains(context.Request.Path.Value ?? "")
        : HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
}

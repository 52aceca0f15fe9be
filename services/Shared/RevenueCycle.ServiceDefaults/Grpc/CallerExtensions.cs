using Grpc.Core;

namespace RevenueCycle.ServiceDefaults.Grpc;

public static class CallerExtensions
{
    /// <summary>Header the gateway sets to the name of the authenticated API key.</summary>
    public const string ClientHeader = "x-rcm-client";

    /// <summary>Header the gateway sets to the id of the key presented (one client may hold two keys while it rotates).</summary>
    public const string KeyIdHeader = "x-rcm-key-id";

    /// <summary>Header the gateway sets to the scope that admitted the call (<c>coding:read</c>, <c>*</c>, <c>audit</c>).</summary>
    public const string ScopeHeader = "x-rcm-scope";

    /// <summary>
    /// Who to write in an audit entry: the authenticated client (the gateway's API-key name) and, when the request
    /// names one, the person acting through it — "coder-17 via ehr-interface". The request cannot hide the client.
    /// </summary>
    public static string Actor(this ServerCallContext context, string requested)
    {
        var client = context.RequestHeaders.GetValue(ClientHeader) is { Length: > 0 } name ? name : "direct";
        return string.IsNullOrWhiteSpace(requested) ? client : $"{requested.Trim()} via {client}";
    }
}

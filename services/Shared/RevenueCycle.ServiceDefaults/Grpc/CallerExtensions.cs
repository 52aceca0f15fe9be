using Grpc.Core;

namespace RevenueCycle.ServiceDefaults.Grpc;

public static class CallerExtensions
{
    /// <summary>Header the gateway sets to the name of the authenticated API key.</summary>
    public const string ClientHeader = "x-rcm-client";

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

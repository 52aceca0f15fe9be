using Grpc.Core;

namespace RevenueCycle.ServiceDefaults.Grpc;

public static class CallerExtensions
{
    /// <summary>Header the gateway sets to the name of the authenticated API key.</summary>
    public const string ClientHeader = "x-rcm-client";

    /// <summary>Who to write in the audit trail: the actor the request names, else the gateway's client, else "anonymous".</summary>
    public static string Actor(this ServerCallContext context, string requested) =>
        !string.IsNullOrWhiteSpace(requested) ? requested.Trim()
        : context.RequestHeaders.GetValue(ClientHeader) is { Length: > 0 } client ? client
        : "anonymous";
}

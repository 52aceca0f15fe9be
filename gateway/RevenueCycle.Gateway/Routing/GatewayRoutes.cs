using RevenueCycle.BuildingBlocks;
using Yarp.ReverseProxy.Configuration;

namespace RevenueCycle.Gateway.Routing;

/// <summary>
/// The route table, built from the service list: per service a gRPC route on its proto service path, a JSON
/// route on <c>/v1/{service}/...</c> (the HTTP annotations) and a health route; all go to one h2c cluster. Upload
/// methods (<see cref="GatewayOptions.UploadMethods"/>) get their own route to a cluster that waits longer
/// (<see cref="GatewayOptions.UploadTimeout"/>): an 835 of a million claims posts for about a minute after its last byte.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>The services routed: the platform's declared list (name = scope, JSON prefix, cluster; proto service = gRPC path).</summary>
    public static IReadOnlyList<ServiceDeclaration> Services => ServiceCatalog.All;

    /// <summary>Route metadata key naming the service a route reaches; the scope check reads it.</summary>
    public const string ServiceMetadata = "rcm-service";

    /// <summary>Route metadata key naming the one scope a route needs instead of the service's (the audit trails').</summary>
    public const string ScopeMetadata = "rcm-scope";

    /// <summary>Header naming the service whose audit trail (or dead letters) a gRPC call to a service every host shares is for.</summary>
    public const string AuditServiceHeader = ServiceCatalog.ServiceHeader;

    /// <summary>The audit trail's proto service, which every service hosts.</summary>
    public const string AuditProtoService = "revenuecycle.audit.v1.AuditService";

    /// <summary>The dead letters' proto service, which every service hosts (under the service's own scopes).</summary>
    public const string DeadLetterProtoService = "revenuecycle.events.v1.DeadLetterService";

    public static IReadOnlyList<RouteConfig> Routes(GatewayOptions options) => Services.SelectMany(s => new[]
    {
        Route($"{s.Name}-grpc", s.Name, s.Name, $"/{s.ProtoService}/{{**method}}"),
        Route($"{s.Name}-health", s.Name, s.Name, $"/v1/{s.Name}/health", transforms: [new Dictionary<string, string> { ["PathSet"] = "/health/ready" }]),
        Route($"{s.Name}-json", s.Name, s.Name, $"/v1/{s.Name}/{{**rest}}"),
        // Every service answers for its own audit trail; these routes need the audit scope, not the service's.
        Route($"{s.Name}-audit-json", s.Name, s.Name, $"/v1/{s.Name}/audit/{{**rest}}", order: -1, scope: Security.ApiClient.AuditScope),
        Route($"{s.Name}-audit-grpc", s.Name, s.Name, $"/{AuditProtoService}/{{**method}}", order: -1, scope: Security.ApiClient.AuditScope, headers: NamedBy(s)),
        // Its dead letters: JSON through the service's own route (/v1/{service}/dead-letters), gRPC by the same header.
        Route($"{s.Name}-dead-letters-grpc", s.Name, s.Name, $"/{DeadLetterProtoService}/{{**method}}", order: -1, headers: NamedBy(s)),
    }).Concat(Uploads(options).Select((u, i) => Route($"{u.Service}-upload-{i}", u.Service, $"{u.Service}-upload", u.Path, order: -1))).ToArray();

    /// <summary>A gRPC call to a service every host serves goes to the host its header names.</summary>
    private static RouteHeader[] NamedBy(ServiceDeclaration service) =>
        [new RouteHeader { Name = AuditServiceHeader, Values = [service.Name], Mode = HeaderMatchMode.ExactHeader }];

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options) =>
        Services.Select(s => Cluster(s.Name, s.Name, options.AddressOf(s.Name), options.RequestTimeout))
            .Concat(Uploads(options).Select(u => u.Service).Distinct().Select(s => Cluster($"{s}-upload", s, options.AddressOf(s), options.UploadTimeout)))
            .ToArray();

    /// <summary>The upload methods that belong to a known service, with that service.</summary>
    private static IEnumerable<(string Service, string Path)> Uploads(GatewayOptions options) =>
        options.UploadMethods.Select(m => (Service: Services.FirstOrDefault(s => m.StartsWith($"/{s.ProtoService}/", StringComparison.Ordinal))?.Name, Path: m))
            .Where(u => u.Service is not null).Select(u => (u.Service!, u.Path));

    private static ClusterConfig Cluster(string id, string service, string address, TimeSpan activityTimeout) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address } },
        // Backends speak cleartext HTTP/2 only: insist on it rather than let the client downgrade.
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig
        {
            Version = new Version(2, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            ActivityTimeout = activityTimeout,
        },
        Metadata = new Dictionary<string, string> { [ServiceMetadata] = service },
    };

    private static RouteConfig Route(
        string id, string service, string cluster, string path, IReadOnlyList<IReadOnlyDictionary<string, string>>? transforms = null, int? order = null,
        string? scope = null, IReadOnlyList<RouteHeader>? headers = null) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Order = order,
        Match = new RouteMatch { Path = path, Headers = headers },
        Metadata = scope is null
            ? new Dictionary<string, string> { [ServiceMetadata] = service }
            : new Dictionary<string, string> { [ServiceMetadata] = service, [ScopeMetadata] = scope },
        Transforms = transforms,
    };
}

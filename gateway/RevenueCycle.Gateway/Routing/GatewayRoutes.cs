using Yarp.ReverseProxy.Configuration;

namespace RevenueCycle.Gateway.Routing;

/// <summary>
/// The route table, built from the service list: per service a gRPC route on its proto service path, a JSON
/// route on <c>/v1/{service}/...</c> (the HTTP annotations) and a health route; all go to one h2c cluster.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>Service name (scope, Kubernetes Service, Dapr app id) and its proto service.</summary>
    public static readonly IReadOnlyList<(string Name, string ProtoService)> Services =
    [
        ("eligibility", "revenuecycle.eligibility.v1.EligibilityService"),
        ("coding", "revenuecycle.coding.v1.CodingService"),
        ("scrubbing", "revenuecycle.scrubbing.v1.ScrubbingService"),
        ("submission", "revenuecycle.submission.v1.SubmissionService"),
        ("posting", "revenuecycle.posting.v1.PostingService"),
        ("collections", "revenuecycle.collections.v1.CollectionsService"),
    ];

    /// <summary>Route metadata key naming the service a route reaches; the scope check reads it.</summary>
    public const string ServiceMetadata = "rcm-service";

    public static IReadOnlyList<RouteConfig> Routes() => Services.SelectMany(s => new[]
    {
        Route($"{s.Name}-grpc", s.Name, $"/{s.ProtoService}/{{**method}}"),
        Route($"{s.Name}-health", s.Name, $"/v1/{s.Name}/health", transforms: [new Dictionary<string, string> { ["PathSet"] = "/health/ready" }]),
        Route($"{s.Name}-json", s.Name, $"/v1/{s.Name}/{{**rest}}"),
    }).ToArray();

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options) => Services.Select(s => new ClusterConfig
    {
        ClusterId = s.Name,
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = options.AddressOf(s.Name) } },
        // Backends speak cleartext HTTP/2 only: insist on it rather than let the client downgrade.
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig
        {
            Version = new Version(2, 0),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            ActivityTimeout = options.RequestTimeout,
        },
    }).ToArray();

    private static RouteConfig Route(string id, string service, string path, IReadOnlyList<IReadOnlyDictionary<string, string>>? transforms = null) => new()
    {
        RouteId = id,
        ClusterId = service,
        Match = new RouteMatch { Path = path },
        Metadata = new Dictionary<string, string> { [ServiceMetadata] = service },
        Transforms = transforms,
    };
}

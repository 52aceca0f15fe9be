using RevenueCycle.BuildingBlocks.IntegrationEvents;

namespace RevenueCycle.BuildingBlocks;

/// <summary>One RevenueCycle service as the platform knows it.</summary>
/// <param name="Name">
/// Everything at once: the gateway's scope (<c>coding</c>, <c>coding:read</c>, <c>coding:write</c>) and JSON prefix
/// (<c>/v1/coding/...</c>), the Kubernetes Service and Dapr app id, the Redis key space and the audit trail's owner.
/// </param>
/// <param name="ProtoService">The full name of its gRPC service, which the gateway routes to it.</param>
/// <param name="LocalGrpcPort">Its gRPC (h2c) port on loopback in <c>make run-distributed</c>.</param>
/// <param name="LocalHttpPort">Its HTTP/1.1 port there (JSON, probes, event deliveries).</param>
/// <param name="Publishes">Topics it publishes.</param>
/// <param name="Subscribes">Topics it handles; a test holds this to the handlers the host registers.</param>
/// <param name="Calls">Services it calls directly over gRPC (always idempotent calls, with resilience).</param>
public sealed record ServiceDeclaration(
    string Name,
    string ProtoService,
    int LocalGrpcPort,
    int LocalHttpPort,
    IReadOnlyList<string> Publishes,
    IReadOnlyList<string> Subscribes,
    IReadOnlyList<string> Calls)
{
    /// <summary>The configuration key of its address in a service that calls it (<c>Services:Posting</c>).</summary>
    public string AddressKey => $"Services:{char.ToUpperInvariant(Name[0])}{Name[1..]}";

    /// <summary>The project and assembly of its host (<c>RevenueCycle.Posting.Api</c>).</summary>
    public string HostProject => $"RevenueCycle.{char.ToUpperInvariant(Name[0])}{Name[1..]}.Api";

    /// <summary>It takes event deliveries (has an app channel for Dapr).</summary>
    public bool IsSubscriber => Subscribes.Count > 0;
}

/// <summary>
/// The services of the platform, declared once. The gateway's routes and API reference, the single-process host
/// (which starts them in <see cref="StartOrder"/>), <c>make run-distributed</c> and <c>make faults</c> (tools/RevenueCycle.Cluster) derive
/// from it; the chart's components, the events table and the handlers in code are held to it by tests.
/// </summary>
public static class ServiceCatalog
{
    /// <summary>
    /// The header naming the service a call to a service every host serves (the audit trail, the dead letters) is
    /// for: the gateway routes such gRPC calls by it.
    /// </summary>
    public const string ServiceHeader = "x-rcm-service";

    public static readonly IReadOnlyList<ServiceDeclaration> All =
    [
        new("eligibility", "revenuecycle.eligibility.v1.EligibilityService", 7110, 7111,
            Publishes: [Topics.FrontEndCorrected],
            Subscribes: [Topics.ClaimDenied, Topics.ClaimSubmitted, Topics.ClaimRejected],
            Calls: ["posting"]),
        new("coding", "revenuecycle.coding.v1.CodingService", 7120, 7121,
            Publishes: [Topics.CodingCorrected],
            Subscribes: [Topics.ClaimDenied, Topics.ClaimSubmitted, Topics.ClaimRejected],
            Calls: []),
        new("scrubbing", "revenuecycle.scrubbing.v1.ScrubbingService", 7130, 7131,
            Publishes: [],
            Subscribes: [],
            Calls: ["eligibility"]),
        new("submission", "revenuecycle.submission.v1.SubmissionService", 7140, 7141,
            Publishes: [Topics.ClaimSubmitted, Topics.ClaimRejected],
            Subscribes: [Topics.CodingCorrected, Topics.FrontEndCorrected],
            Calls: ["scrubbing", "posting", "eligibility"]),
        new("posting", "revenuecycle.posting.v1.PostingService", 7150, 7151,
            Publishes: [Topics.ClaimDenied, Topics.ClaimAdjudicated],
            Subscribes: [Topics.ClaimSubmitted],
            Calls: []),
        new("collections", "revenuecycle.collections.v1.CollectionsService", 7160, 7161,
            Publishes: [],
            Subscribes: [Topics.ClaimDenied, Topics.ClaimAdjudicated, Topics.CodingCorrected, Topics.ClaimSubmitted, Topics.ClaimRejected, Topics.FrontEndCorrected],
            Calls: []),
        // Signed delivery of every event to the internal apps that subscribe to it (Standard Webhooks).
        new("webhooks", "revenuecycle.webhooks.v1.WebhooksService", 7170, 7171,
            Publishes: [],
            Subscribes: [Topics.ClaimSubmitted, Topics.ClaimRejected, Topics.ClaimDenied, Topics.ClaimAdjudicated, Topics.CodingCorrected, Topics.FrontEndCorrected],
            Calls: []),
    ];

    /// <summary>Every topic, in the order the services declare them.</summary>
    public static IReadOnlyList<string> AllTopics => All.SelectMany(s => s.Publishes).Distinct(StringComparer.Ordinal).ToArray();

    public static ServiceDeclaration Get(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"'{name}' is not a RevenueCycle service ({string.Join(", ", All.Select(s => s.Name))}).", nameof(name));

    /// <summary>The services in an order where each starts after every service it calls (the catalog's order otherwise).</summary>
    public static IReadOnlyList<ServiceDeclaration> StartOrder()
    {
        var started = new List<ServiceDeclaration>();
        while (started.Count < All.Count)
        {
            var next = All.FirstOrDefault(s => !started.Contains(s) && s.Calls.All(c => started.Any(d => d.Name == c)))
                ?? throw new InvalidOperationException("The services' calls form a cycle; no start order exists.");
            started.Add(next);
        }

        return started;
    }
}

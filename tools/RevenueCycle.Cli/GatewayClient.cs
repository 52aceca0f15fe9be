using System.Net;
using Google.Protobuf;
using Grpc.Core;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Demo;

namespace RevenueCycle.Cli;

/// <summary>gRPC clients for every service, all through the gateway's h2c port with the API key on each call.</summary>
public sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;

    public GatewayClient(Uri gateway, string apiKey)
    {
        Platform = new PlatformClients(gateway, apiKey);
        _http = new HttpClient
        {
            BaseAddress = gateway,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(10),
        };
        _http.DefaultRequestHeaders.Add("x-api-key", apiKey);
    }

    /// <summary>The gRPC clients (shared with the demo batch).</summary>
    public PlatformClients Platform { get; }

    public Uri Gateway => Platform.Gateway;

    public HttpClient Http => _http;

    public EligibilityService.EligibilityServiceClient Eligibility => Platform.Eligibility;

    public CodingService.CodingServiceClient Coding => Platform.Coding;

    public SubmissionService.SubmissionServiceClient Submission => Platform.Submission;

    public PostingService.PostingServiceClient Posting => Platform.Posting;

    public ScrubbingService.ScrubbingServiceClient Scrubbing => Platform.Scrubbing;

    public CollectionsService.CollectionsServiceClient Collections => Platform.Collections;

    public Contracts.Audit.V1.AuditService.AuditServiceClient Audit => Platform.Audit;

    public Contracts.Events.V1.DeadLetterService.DeadLetterServiceClient DeadLetters => Platform.DeadLetters;

    public Contracts.Webhooks.V1.WebhooksService.WebhooksServiceClient Webhooks => Platform.Webhooks;

    public static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation().WithFormatDefaultValues(false));

    /// <summary>For answers whose zeros say something ("sent": 0), where <see cref="Json"/> would print <c>{}</c>.</summary>
    public static readonly JsonFormatter JsonWithZeros = new(JsonFormatter.Settings.Default.WithIndentation().WithFormatDefaultValues(true));

    public static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static CallOptions Deadline() => new(deadline: DateTime.UtcNow.AddSeconds(30));

    /// <summary>A call to a service every host serves (audit trail, dead letters), routed by the service it names.</summary>
    public static CallOptions ForService(string service) => Deadline().WithHeaders(new Metadata { { BuildingBlocks.ServiceCatalog.ServiceHeader, service } });

    public void Dispose()
    {
        Platform.Dispose();
        _http.Dispose();
    }
}

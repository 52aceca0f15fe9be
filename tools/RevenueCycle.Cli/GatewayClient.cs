using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Contracts.Submission.V1;

namespace RevenueCycle.Cli;

/// <summary>gRPC clients for every service, all through the gateway's h2c port with the API key on each call.</summary>
public sealed class GatewayClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly HttpClient _http;

    public GatewayClient(Uri gateway, string apiKey)
    {
        Gateway = gateway;
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("x-api-key", apiKey);
            return Task.CompletedTask;
        });
        _channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true, // the gateway is reached over cluster-internal h2c
        });
        _http = new HttpClient
        {
            BaseAddress = gateway,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(10),
        };
        _http.DefaultRequestHeaders.Add("x-api-key", apiKey);
    }

    public Uri Gateway { get; }

    public HttpClient Http => _http;

    public EligibilityService.EligibilityServiceClient Eligibility => new(_channel);

    public CodingService.CodingServiceClient Coding => new(_channel);

    public SubmissionService.SubmissionServiceClient Submission => new(_channel);

    public PostingService.PostingServiceClient Posting => new(_channel);

    public ScrubbingService.ScrubbingServiceClient Scrubbing => new(_channel);

    public CollectionsService.CollectionsServiceClient Collections => new(_channel);

    public static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation().WithFormatDefaultValues(false));

    /// <summary>For answers whose zeros say something ("sent": 0), where <see cref="Json"/> would print <c>{}</c>.</summary>
    public static readonly JsonFormatter JsonWithZeros = new(JsonFormatter.Settings.Default.WithIndentation().WithFormatDefaultValues(true));

    public static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static CallOptions Deadline() => new(deadline: DateTime.UtcNow.AddSeconds(30));

    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }
}

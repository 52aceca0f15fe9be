using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Contracts.Submission.V1;

namespace RevenueCycle.Demo;

/// <summary>gRPC clients for every service, all through the gateway's h2c port with the API key on each call.</summary>
public sealed class PlatformClients : IDisposable
{
    private readonly GrpcChannel _channel;

    public PlatformClients(Uri gateway, string apiKey)
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
    }

    public Uri Gateway { get; }

    public EligibilityService.EligibilityServiceClient Eligibility => new(_channel);

    public CodingService.CodingServiceClient Coding => new(_channel);

    public SubmissionService.SubmissionServiceClient Submission => new(_channel);

    public PostingService.PostingServiceClient Posting => new(_channel);

    public ScrubbingService.ScrubbingServiceClient Scrubbing => new(_channel);

    public CollectionsService.CollectionsServiceClient Collections => new(_channel);

    public static CallOptions Deadline(CancellationToken cancellationToken = default, int seconds = 30) =>
        new(deadline: DateTime.UtcNow.AddSeconds(seconds), cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();
}

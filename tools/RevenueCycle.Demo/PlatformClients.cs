using Grpc.Core;
using Grpc.Core.Interceptors;
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

    /// <param name="gateway">The gateway's h2c address.</param>
    /// <param name="apiKey">The key sent as <c>x-api-key</c> on every call.</param>
    /// <param name="rideOutRestarts">
    /// Also retry a unary call the platform could not answer (UNAVAILABLE, DEADLINE_EXCEEDED: a process restarting, a
    /// circuit open), as a real client does, for about two minutes: the fault suite's client.
    /// </param>
    public PlatformClients(Uri gateway, string apiKey, bool rideOutRestarts = false)
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
        _invoker = _channel.Intercept(new RetryInterceptor(rideOutRestarts));
    }

    private readonly CallInvoker _invoker;

    public Uri Gateway { get; }

    public EligibilityService.EligibilityServiceClient Eligibility => new(_invoker);

    public CodingService.CodingServiceClient Coding => new(_invoker);

    public SubmissionService.SubmissionServiceClient Submission => new(_invoker);

    public PostingService.PostingServiceClient Posting => new(_invoker);

    public ScrubbingService.ScrubbingServiceClient Scrubbing => new(_invoker);

    public CollectionsService.CollectionsServiceClient Collections => new(_invoker);

    /// <summary>Every service's audit trail; each call names its service in the <c>x-rcm-service</c> header.</summary>
    public Contracts.Audit.V1.AuditService.AuditServiceClient Audit => new(_invoker);

    public Contracts.Webhooks.V1.WebhooksService.WebhooksServiceClient Webhooks => new(_invoker);

    /// <summary>Every service's dead letters; each call names its service in the <c>x-rcm-service</c> header.</summary>
    public Contracts.Events.V1.DeadLetterService.DeadLetterServiceClient DeadLetters => new(_invoker);

    public static CallOptions Deadline(CancellationToken cancellationToken = default, int seconds = 30) =>
        new(deadline: DateTime.UtcNow.AddSeconds(seconds), cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();
}

/// <summary>
/// The gateway's per-key rate limit answers RESOURCE_EXHAUSTED: a unary call waits a little longer each time and goes
/// again, for up to about two minutes; with <paramref name="rideOutRestarts"/>, so do UNAVAILABLE and DEADLINE_EXCEEDED,
/// each attempt with the call's own time budget again. Safe because every call the clients make is a read or carries an
/// idempotency key (a write that did land before the answer was lost is answered again, not done again).
/// </summary>
internal sealed class RetryInterceptor(bool rideOutRestarts) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        // The budget the caller gave this call (30 s, 300 s for a transmission), given again to each retry.
        var budget = context.Options.Deadline is { } deadline && deadline != DateTime.MaxValue ? deadline - DateTime.UtcNow : TimeSpan.FromSeconds(30);
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(Retry(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);

        async Task<TResponse> Retry(Task<TResponse> first)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (attempt == 1)
                    {
                        return await first;
                    }

                    var options = rideOutRestarts ? context.Options.WithDeadline(DateTime.UtcNow + budget) : context.Options;
                    using var again = continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
                    return await again.ResponseAsync;
                }
                catch (RpcException e) when (attempt < 120 && (e.StatusCode == StatusCode.ResourceExhausted
                    || (rideOutRestarts && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1_000, 50 * attempt)), context.Options.CancellationToken);
                }
            }
        }
    }
}

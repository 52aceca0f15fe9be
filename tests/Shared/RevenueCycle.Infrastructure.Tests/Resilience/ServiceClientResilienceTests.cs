using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.ServiceDefaults.Resilience;

namespace RevenueCycle.Infrastructure.Tests.Resilience;

public sealed class ServiceClientResilienceTests
{
    private const string Eligibility = "revenuecycle.eligibility.v1.EligibilityService";

    private static readonly ResilienceOptions Fast = new()
    {
        MaxRetries = 3,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        MinimumThroughput = 100,
    };

    [Theory]
    [InlineData("/revenuecycle.eligibility.v1.EligibilityService/GetCoverage", true)] // GET: a read
    [InlineData("/revenuecycle.scrubbing.v1.ScrubbingService/ScrubClaim", true)] // idempotency_level = IDEMPOTENT
    [InlineData("/revenuecycle.posting.v1.PostingService/PostRemittance", true)] // the same trace is never posted twice
    [InlineData("/revenuecycle.eligibility.v1.EligibilityService/CheckAuthorization", true)] // NO_SIDE_EFFECTS
    [InlineData("/revenuecycle.eligibility.v1.EligibilityService/RegisterCoverage", false)]
    [InlineData("/revenuecycle.submission.v1.SubmissionService/SubmitClaim", false)]
    public void IdempotencyComesFromTheContract(string method, bool idempotent) =>
        Assert.Equal(idempotent, ServiceClientResilience.IsIdempotent(method));

    [Fact]
    public async Task AnIdempotentCall_IsRetriedUntilTheServiceAnswers()
    {
        var calls = 0;
        var response = await Call<GetCoverageRequest, Coverage>("GetCoverage", Fast, () => ++calls < 3 ? Unavailable() : new Coverage { CoverageId = "cov-1" });

        Assert.Equal("cov-1", response.CoverageId);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task AWrite_ThatMayHaveReachedTheService_IsNotSentTwice()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<RpcException>(() => Call<RegisterCoverageRequest, Coverage>("RegisterCoverage", Fast, () => { calls++; return Unavailable(); }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AWrite_WhoseConnectionWasRefused_IsSentAgain_ItNeverLeft()
    {
        var calls = 0;
        var response = await Call<RegisterCoverageRequest, Coverage>("RegisterCoverage", Fast, () => ++calls < 2
            ? throw new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.", new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))))
            : new Coverage { CoverageId = "cov-2" });

        Assert.Equal(("cov-2", 2), (response.CoverageId, calls));
    }

    [Fact]
    public async Task ARefusal_IsAnAnswer_NotRetried()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<RpcException>(() => Call<GetCoverageRequest, Coverage>("GetCoverage", Fast, () =>
        {
            calls++;
            throw new RpcException(new Status(StatusCode.NotFound, "no such coverage"));
        }));

        Assert.Equal((StatusCode.NotFound, 1), (error.StatusCode, calls));
    }

    [Fact]
    public async Task AFailingService_OpensTheCircuit_AndCallsStopReachingIt()
    {
        var options = new ResilienceOptions { MaxRetries = 0, MinimumThroughput = 4, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30), SamplingDuration = TimeSpan.FromSeconds(30) };
        var pipeline = Pipeline(options);
        var calls = 0;
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => Call<GetCoverageRequest, Coverage>("GetCoverage", pipeline, () => { calls++; return Unavailable(); }));
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Call<GetCoverageRequest, Coverage>("GetCoverage", pipeline, () => { calls++; return new Coverage(); }));

        Assert.Equal(4, calls);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("The eligibility service is failing, so calls to it are paused for 30 s (circuit open)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASilentService_TimesOutPerAttempt_AndTheCallerLearnsWhich()
    {
        var options = new ResilienceOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = TimeSpan.FromMilliseconds(100), MinimumThroughput = 100 };
        var attempts = 0;

        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync<GetCoverageRequest, Coverage>("GetCoverage", Pipeline(options), async token =>
        {
            attempts++;
            await Task.Delay(Timeout.Infinite, token);
            return new Coverage();
        }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("The eligibility service did not answer within 0.1 s.", error.Status.Detail);
        Assert.Equal(2, attempts); // a read: the timed-out attempt was tried once more
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, false)] // CORE: the payer did not answer; asking again at once does not help
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void TheClearinghouse_IsRetriedOnlyForItsOwnFaults(HttpStatusCode status, bool fault) =>
        Assert.Equal(fault, ClearinghouseResilience.IsFault(Outcome.FromResult(new HttpResponseMessage(status))));

    private static ResiliencePipeline Pipeline(ResilienceOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        ServiceClientResilience.Configure(builder, "eligibility", options);
        return builder.Build();
    }

    private static TResponse Unavailable<TResponse>() => throw new RpcException(new Status(StatusCode.Unavailable, "the service restarted mid-call"));

    private static Coverage Unavailable() => Unavailable<Coverage>();

    private static Task<TResponse> Call<TRequest, TResponse>(string method, ResilienceOptions options, Func<TResponse> answer)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Call<TRequest, TResponse>(method, Pipeline(options), answer);

    private static Task<TResponse> Call<TRequest, TResponse>(string method, ResiliencePipeline pipeline, Func<TResponse> answer)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        CallAsync<TRequest, TResponse>(method, pipeline, _ => Task.FromResult(answer()));

    /// <summary>One call through the interceptor; each attempt runs <paramref name="answer"/> as the service would.</summary>
    private static async Task<TResponse> CallAsync<TRequest, TResponse>(string method, ResiliencePipeline pipeline, Func<CancellationToken, Task<TResponse>> answer)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var definition = new Method<TRequest, TResponse>(MethodType.Unary, Eligibility, method,
            Marshallers.Create(m => m.ToByteArray(), new MessageParser<TRequest>(() => new TRequest()).ParseFrom),
            Marshallers.Create(m => m.ToByteArray(), new MessageParser<TResponse>(() => new TResponse()).ParseFrom));
        var context = new ClientInterceptorContext<TRequest, TResponse>(definition, null, new CallOptions(cancellationToken: TestContext.Current.CancellationToken));
        var interceptor = new ResilienceInterceptor("eligibility", pipeline);

        using var call = interceptor.AsyncUnaryCall(new TRequest(), context, (_, attempt) =>
        {
            var response = Task.Run(() => answer(attempt.Options.CancellationToken));
            return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        });
        return await call.ResponseAsync;
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace RevenueCycle.ServiceDefaults.Resilience;

/// <summary>
/// The hand-off to a clearinghouse over HTTP (the CAQH CORE real-time 270): Microsoft.Extensions.Http.Resilience's
/// retry and circuit breaker, tuned for it. The caller keeps its own deadline (the payer's time limit), so there
/// is no timeout here; a 504 is the clearinghouse saying the payer did not answer, an answer and not a fault.
/// </summary>
public static class ClearinghouseResilience
{
    public static IHttpResiliencePipelineBuilder AddClearinghouseResilience(this IHttpClientBuilder client, string name) =>
        client.AddResilienceHandler(name, pipeline =>
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = args => ValueTask.FromResult(IsFault(args.Outcome)),
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(IsFault(args.Outcome)),
            });
        });

    /// <summary>The clearinghouse could not be reached or failed itself (5xx but 504, 408, 429).</summary>
    public static bool IsFault(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result.StatusCode: HttpStatusCode.GatewayTimeout } => false,
        { Result.StatusCode: var status } when (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        _ => false,
    };
}

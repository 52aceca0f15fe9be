using System.Net.Sockets;
using Google.Api;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;
using RevenueCycle.ServiceDefaults.Grpc;

namespace RevenueCycle.ServiceDefaults.Resilience;

/// <summary>
/// The Polly pipeline on every call one RevenueCycle service makes to another: a timeout per attempt, retries with
/// exponential backoff and jitter, and a circuit breaker per dependency. Polly (not a loop of our own) because its
/// strategies are proven, composable and report through the same telemetry as the rest of the host.
/// </summary>
public static class ServiceClientResilience
{
    /// <summary>
    /// Registers the gRPC client <typeparamref name="TClient"/> of <paramref name="service"/> at
    /// <paramref name="address"/>, behind the resilience pipeline and with errors that name the service.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string service, string address)
        where TClient : class
    {
        services.AddResiliencePipeline(PipelineKey(service), (pipeline, context) =>
            Configure(pipeline, service, context.ServiceProvider.GetRequiredService<ResilienceOptions>()));
        services.AddHttpContextAccessor();
        return services.AddGrpcClient<TClient>(o => o.Address = new Uri(address))
            .AddInterceptor(sp => new ResilienceInterceptor(service, sp.GetRequiredService<Polly.Registry.ResiliencePipelineProvider<string>>().GetPipeline(PipelineKey(service))))
            .AddInterceptor(() => new DependencyErrorInterceptor(service))
            .AddInterceptor(sp => new CallerPropagationInterceptor(sp.GetRequiredService<BuildingBlocks.ServiceIdentity>().Name, sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()));
    }

    /// <summary>
    /// Polly's telemetry without PHI: by default it logs each attempt's result, which for a call is the response
    /// message (names, member ids, dates of birth). Results are reduced to their status, and each attempt is Debug,
    /// not a line per call; retries, breaks and timeouts stay Warning/Error.
    /// </summary>
    public static IServiceCollection AddResilienceTelemetry(this IServiceCollection services) =>
        services.Configure<TelemetryOptions>(telemetry =>
        {
            telemetry.ResultFormatter = (_, result) => result switch
            {
                null => null,
                RpcException e => e.StatusCode,
                Exception e => e.GetType().Name,
                HttpResponseMessage response => (int)response.StatusCode,
                _ => "answered",
            };
            // Every attempt is an event; a failed one is reported again as OnRetry, OnCircuitOpened or OnTimeout.
            telemetry.SeverityProvider = args => args.Event.EventName == "ExecutionAttempt" ? ResilienceEventSeverity.Debug : args.Event.Severity;
        });

    /// <summary>
    /// Whether a call may be sent again after it may have reached the service: reads (annotated GET) and rpcs the
    /// contract declares <c>idempotency_level</c> for (a repeat changes nothing, e.g. the same remittance is never
    /// posted twice).
    /// </summary>
    public static bool IsIdempotent(string fullMethod) =>
        Idempotency.GetOrAdd(fullMethod, static name => ContractDescriptors.Find(name) is { } method && IsIdempotent(method));

    /// <summary>Asked on every call; the contract does not change while the process runs.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Idempotency = new(StringComparer.Ordinal);

    public static bool IsIdempotent(MethodDescriptor method) =>
        method.GetOptions()?.IdempotencyLevel is MethodOptions.Types.IdempotencyLevel.Idempotent or MethodOptions.Types.IdempotencyLevel.NoSideEffects
        || method.GetOptions()?.GetExtension(AnnotationsExtensions.Http)?.PatternCase == HttpRule.PatternOneofCase.Get;

    /// <summary>Retry (outermost, so each attempt passes the breaker), circuit breaker, attempt timeout.</summary>
    public static void Configure(ResiliencePipelineBuilder pipeline, string service, ResilienceOptions options)
    {
        pipeline
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1), // Polly needs one; MaxRetries 0 turns retrying off below
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && args.Outcome.Exception is { } e && Retryable(e, args.Context)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                SamplingDuration = options.SamplingDuration,
                MinimumThroughput = options.MinimumThroughput,
                BreakDuration = options.BreakDuration,
                // Only the dependency's own trouble counts: a refused request (invalid argument, not found) is an answer.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException or RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal }),
            })
            .AddTimeout(options.AttemptTimeout);
        pipeline.Name = $"service-client:{service}";
    }

    internal static readonly ResiliencePropertyKey<bool> Idempotent = new("rcm.idempotent");

    private static string PipelineKey(string service) => $"service-client:{service}";

    private static bool Retryable(Exception e, ResilienceContext context) => e switch
    {
        BrokenCircuitException => false, // the circuit is open: waiting is the answer, not hammering
        RpcException { StatusCode: StatusCode.Unavailable } rpc when NeverSent(rpc) => true,
        TimeoutRejectedException or RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded } =>
            context.Properties.GetValue(Idempotent, false),
        _ => false,
    };

    /// <summary>The connection was refused or could not be made: the request never left, so even a write may be sent again.</summary>
    private static bool NeverSent(RpcException e)
    {
        for (var inner = e.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable })
            {
                return true;
            }
        }

        return false;
    }
}

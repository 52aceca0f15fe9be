using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace RevenueCycle.ServiceDefaults.Resilience;

/// <summary>
/// Runs each unary call to another service through its Polly pipeline; every attempt is a new call with the
/// caller's deadline (the whole budget, retries included) and the attempt's own timeout. Streaming calls pass
/// through: a stream half read cannot be retried from the start.
/// </summary>
public sealed class ResilienceInterceptor(string service, ResiliencePipeline pipeline) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var response = ExecuteAsync(request, context, continuation);
        return new AsyncUnaryCall<TResponse>(
            response,
            HeadersOf(response),
            () => response.IsCompletedSuccessfully ? Status.DefaultSuccess : response.Exception?.InnerException is RpcException e ? e.Status : new Status(StatusCode.Unknown, ""),
            () => response.IsCompletedSuccessfully ? [] : response.Exception?.InnerException is RpcException e ? e.Trailers : [],
            () => { });
    }

    private async Task<TResponse> ExecuteAsync<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var resilience = ResilienceContextPool.Shared.Get(context.Options.CancellationToken);
        resilience.Properties.Set(ServiceClientResilience.Idempotent, ServiceClientResilience.IsIdempotent(context.Method.FullName));
        try
        {
            return await pipeline.ExecuteAsync(
                static async (attempt, state) =>
                {
                    var (request, context, continuation) = state;
                    var options = context.Options.WithCancellationToken(attempt.CancellationToken);
                    using var call = continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
                    return await call.ResponseAsync;
                },
                resilience,
                (request, context, continuation));
        }
        catch (BrokenCircuitException e)
        {
            var retryAfter = e.RetryAfter is { } wait ? $" for {Math.Ceiling(wait.TotalSeconds):0} s" : "";
            throw new RpcException(new Status(StatusCode.Unavailable, $"The {service} service is failing, so calls to it are paused{retryAfter} (circuit open); retry later."));
        }
        catch (TimeoutRejectedException e)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"The {service} service did not answer within {e.Timeout.TotalSeconds:0.#} s."));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    private static async Task<Metadata> HeadersOf<TResponse>(Task<TResponse> response)
    {
        try
        {
            await response;
        }
        catch (RpcException)
        {
            // The status carries the failure; there are no headers to give.
        }

        return [];
    }
}

using Grpc.Core;
using Grpc.Core.Interceptors;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// On a client of another RevenueCycle service: a call that fails because that service cannot be reached (or does
/// not answer in time) says which service, so the caller reads "the posting service is unavailable" and not the
/// transport's "Error connecting to subchannel". The status code is kept, so retry logic is unchanged.
/// </summary>
public sealed class DependencyErrorInterceptor(string service) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(Named(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncServerStreamingCall<TResponse>(new NamedStream<TResponse>(call.ResponseStream, this), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private async Task<TResponse> Named<TResponse>(Task<TResponse> response)
    {
        try
        {
            return await response;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw Rename(e);
        }
    }

    private RpcException Rename(RpcException e) => new(new Status(e.StatusCode,
        $"The {service} service is {(e.StatusCode == StatusCode.Unavailable ? "unavailable" : "not answering in time")} ({e.Status.Detail}); retry later.", e.Status.DebugException), e.Trailers);

    private sealed class NamedStream<T>(IAsyncStreamReader<T> inner, DependencyErrorInterceptor owner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                return await inner.MoveNext(cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                throw owner.Rename(e);
            }
        }
    }
}

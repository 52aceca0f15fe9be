using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// On a call one service makes to another: says who calls (this service, and the client whose request it is serving)
/// and carries the request's correlation id, so the callee's audit trail reads "submission (for billing-app)" with
/// the same correlation id as the call that started it, not an anonymous "direct". A call made by a background
/// worker (no request in flight) names the service alone.
/// </summary>
public sealed class CallerPropagationInterceptor(string caller, IHttpContextAccessor accessor) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithCaller(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithCaller(context));

    private ClientInterceptorContext<TRequest, TResponse> WithCaller<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        // A copy: the resilience pipeline sends the same context again on a retry.
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            if (entry.Key != CallerExtensions.ClientHeader)
            {
                headers.Add(entry);
            }
        }

        var incoming = accessor.HttpContext?.Request.Headers;
        var client = incoming?[CallerExtensions.ClientHeader].ToString() is { Length: > 0 } original ? $"{caller} (for {original})" : caller;
        headers.Add(CallerExtensions.ClientHeader, client);
        if (incoming?["x-correlation-id"].ToString() is { Length: > 0 } correlation && headers.Get("x-correlation-id") is null)
        {
            headers.Add("x-correlation-id", correlation);
        }

        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}

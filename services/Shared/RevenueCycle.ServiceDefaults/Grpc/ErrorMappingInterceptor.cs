using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using RevenueCycle.BuildingBlocks.Errors;
using StackExchange.Redis;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// Turns domain exceptions into gRPC statuses (and, through JSON transcoding, HTTP codes): validation errors become
/// INVALID_ARGUMENT with google.rpc.BadRequest field violations, so callers see which field is wrong.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    /// <summary>Field violations sent with one INVALID_ARGUMENT; the rest are counted.</summary>
    public const int MaxViolations = 50;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    /// <summary>The gRPC status for a domain exception; exposed for tests.</summary>
    public RpcException Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case ValidationException validation:
                // A request can break a rule thousands of times (an 835 of unbalanced claims): the first ones and how
                // many more keep the status within the trailers' size limit, so the caller still gets INVALID_ARGUMENT.
                var shown = validation.Violations.Take(MaxViolations).ToList();
                if (validation.Violations.Count > MaxViolations)
                {
                    shown.Add(new FieldViolation("", $"and {validation.Violations.Count - MaxViolations} more"));
                }

                var badRequest = new BadRequest();
                badRequest.FieldViolations.AddRange(shown.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
                return new Google.Rpc.Status
                {
                    Code = (int)Code.InvalidArgument,
                    Message = new ValidationException(shown).Message,
                    Details = { Any.Pack(badRequest) },
                }.ToRpcException();
            case NotFoundException:
                return new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, exception.Message));
            case ConcurrencyConflictException:
                return new RpcException(new global::Grpc.Core.Status(StatusCode.Aborted, exception.Message));
            case PreconditionFailedException:
                return new RpcException(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, exception.Message));
            case IdempotencyKeyReusedException:
                return new RpcException(new global::Grpc.Core.Status(StatusCode.AlreadyExists, exception.Message));
            case RedisException or TimeoutException:
                LogUnavailable(logger, context.Method, exception.GetType().Name);
                return new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "Storage is unavailable; retry with the same idempotency key."));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new global::Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));
            default:
                LogUnexpected(logger, exception, context.Method);
                return new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, "Internal error."));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed: storage unavailable ({Error})")]
    private static partial void LogUnavailable(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}

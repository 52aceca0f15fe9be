using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Infrastructure.Auditing;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// Writes every call of a RevenueCycle service (gRPC or JSON) to the service's audit trail: client, the actor the
/// request names, operation, the record identifiers in the request and response (top-level <c>*_id</c> fields),
/// outcome and correlation id. Outermost interceptor, so calls refused by validation or failed are recorded with
/// their status. Health and reflection calls are not audited: they touch no records, and a liveness probe must not
/// depend on Redis. Requests too malformed to parse are refused before any interceptor and touch nothing.
/// Best effort: a trail that cannot be written is logged; the call is not failed for it.
/// </summary>
public sealed partial class AuditInterceptor(IAuditTrail trail, ServiceIdentity identity, TimeProvider clock, ILogger<AuditInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!context.Method.StartsWith("/revenuecycle.", StringComparison.Ordinal))
        {
            return await continuation(request, context);
        }

        try
        {
            var response = await continuation(request, context);
            await RecordAsync(context, "OK", request as IMessage, response as IMessage);
            return response;
        }
        catch (RpcException e)
        {
            await RecordAsync(context, e.StatusCode.ToString(), request as IMessage, null);
            throw;
        }
    }

    private async Task RecordAsync(ServerCallContext context, string outcome, IMessage? request, IMessage? response)
    {
        var resources = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectIds(request, resources);
        CollectIds(response, resources);
        var requested = request?.Descriptor.FindFieldByName("actor") is { FieldType: FieldType.String } actor ? (string)actor.Accessor.GetValue(request) : "";
        var record = new AuditRecord(
            clock.GetUtcNow(), identity.Name, context.Method, context.Actor(requested),
            outcome, resources, context.RequestHeaders.GetValue("x-correlation-id") ?? "");
        try
        {
            await trail.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAuditFailed(logger, context.Method, e.GetType().Name);
        }
    }

    private static void CollectIds(IMessage? message, Dictionary<string, string> resources)
    {
        if (message is null)
        {
            return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.String && !field.IsRepeated && field.Name.EndsWith("_id", StringComparison.Ordinal)
                && field.Accessor.GetValue(message) is string { Length: > 0 } value)
            {
                resources.TryAdd(field.Name, value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the audit record of {Method} ({Error})")]
    private static partial void LogAuditFailed(ILogger logger, string method, string error);
}

using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Infrastructure.Auditing;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// Writes every call of a RevenueCycle service (gRPC or JSON) to the service's hash-chained audit trail: client,
/// key id and scope the gateway admitted it with, the actor the request names, operation, the record identifiers
/// in the request and response (<c>*_id</c> fields, nested messages and lists included: a list names every patient
/// it returned), outcome and correlation id. Outermost interceptor, so calls refused by validation or failed are
/// recorded with their status. Health and reflection calls are not audited: they touch no records, and a liveness
/// probe must not depend on Redis. Requests too malformed to parse are refused before any interceptor.
/// Fails closed: when the record cannot be written the caller gets UNAVAILABLE, not the data (a write that already
/// happened is idempotent, so the caller's retry is safe and is audited).
/// </summary>
public sealed partial class AuditInterceptor(IAuditTrail trail, ServiceIdentity identity, TimeProvider clock, ILogger<AuditInterceptor> logger) : Interceptor
{
    /// <summary>Distinct values kept per identifier field; a larger list read is recorded as its first ones and a count.</summary>
    private const int MaxIdsPerField = 200;

    /// <summary>Named like identifiers but content: a member id is itself PHI (a HIPAA identifier), a tax id the provider's EIN.</summary>
    private static readonly HashSet<string> NotRecordIds = new(StringComparer.Ordinal) { "member_id", "tax_id" };

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!context.Method.StartsWith("/revenuecycle.", StringComparison.Ordinal))
        {
            return await continuation(request, context);
        }

        TResponse response;
        try
        {
            response = await continuation(request, context);
        }
        catch (RpcException e)
        {
            await RecordAsync(context, e.StatusCode.ToString(), request as IMessage, null);
            throw;
        }

        await RecordAsync(context, "OK", request as IMessage, response as IMessage);
        return response;
    }

    private async Task RecordAsync(ServerCallContext context, string outcome, IMessage? request, IMessage? response)
    {
        var ids = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        CollectIds(request, ids, 0);
        CollectIds(response, ids, 0);
        var requested = request?.Descriptor.FindFieldByName("actor") is { FieldType: FieldType.String } actor ? (string)actor.Accessor.GetValue(request) : "";
        var record = new AuditRecord(
            clock.GetUtcNow(), identity.Name, context.Method, context.Actor(requested),
            outcome, ids.ToDictionary(i => i.Key, i => Joined(i.Value), StringComparer.Ordinal), context.RequestHeaders.GetValue("x-correlation-id") ?? "",
            context.RequestHeaders.GetValue(CallerExtensions.KeyIdHeader) ?? "", context.RequestHeaders.GetValue(CallerExtensions.ScopeHeader) ?? "");
        try
        {
            await trail.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAuditFailed(logger, context.Method, e.GetType().Name);
            throw new RpcException(new Status(StatusCode.Unavailable, "The audit trail could not be written, so the call is not answered; retry later."));
        }
    }

    private static string Joined(HashSet<string> values) => values.Count <= MaxIdsPerField
        ? string.Join(',', values)
        : string.Join(',', values.Take(MaxIdsPerField)) + $",+{values.Count - MaxIdsPerField} more";

    /// <summary>String fields named <c>*_id</c> or <c>*_ids</c>, three message levels deep (a claim's patient, a list's claims' patients).</summary>
    private static void CollectIds(IMessage? message, Dictionary<string, HashSet<string>> ids, int depth)
    {
        if (message is null || depth > 3)
        {
            return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            // patient_id and a list's patient_ids are one kind of identifier: both are kept under patient_id.
            var name = field.IsRepeated && field.Name.EndsWith("_ids", StringComparison.Ordinal) ? field.Name[..^1] : field.Name;
            if (field.FieldType == FieldType.String && name.EndsWith("_id", StringComparison.Ordinal) && !NotRecordIds.Contains(name))
            {
                foreach (var value in Values(field, message).OfType<string>().Where(v => v.Length > 0))
                {
                    var set = ids.TryGetValue(name, out var existing) ? existing : ids[name] = new HashSet<string>(StringComparer.Ordinal);
                    set.Add(value);
                }
            }
            else if (field.FieldType == FieldType.Message && !field.IsMap)
            {
                foreach (var child in Values(field, message).OfType<IMessage>())
                {
                    CollectIds(child, ids, depth + 1);
                }
            }
        }
    }

    private static IEnumerable<object> Values(FieldDescriptor field, IMessage message) =>
        field.IsRepeated ? ((System.Collections.IEnumerable)field.Accessor.GetValue(message)).Cast<object>() : [field.Accessor.GetValue(message)];

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit record of {Method} ({Error}); the call was refused")]
    private static partial void LogAuditFailed(ILogger logger, string method, string error);
}

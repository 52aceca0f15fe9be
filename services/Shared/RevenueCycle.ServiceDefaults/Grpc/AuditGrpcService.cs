using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Audit.V1;
using RevenueCycle.Infrastructure.Auditing;
using AuditRecordMessage = RevenueCycle.Contracts.Audit.V1.AuditRecord;
using AuditVerification = RevenueCycle.Contracts.Audit.V1.AuditVerification;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>Every service answers for its own trail: the auditor's queries and the chain's verification.</summary>
public sealed partial class AuditGrpcService(IAuditTrail trail, AuditChain chain, ServiceIdentity identity) : AuditService.AuditServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public override async Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context)
    {
        identity.RequireNamed(request.Service, "trail");
        if (request.PageToken.Length > 0 && !PageToken().IsMatch(request.PageToken))
        {
            throw new ValidationException("page_token", "is not a page token this service gave");
        }

        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw new ValidationException("page_size", $"must be between 1 and {MaxPageSize}");
        }

        var query = new AuditQuery(request.PatientId.Trim(), request.KeyId.Trim(), request.Client.Trim(), request.From?.ToDateTimeOffset(), request.To?.ToDateTimeOffset());
        var (entries, continueAfter) = await trail.FindAsync(query, request.PageToken, request.PageSize == 0 ? DefaultPageSize : request.PageSize, context.CancellationToken);
        var response = new ListAuditRecordsResponse { NextPageToken = continueAfter };
        response.Records.AddRange(entries.Select(ToMessage));
        return response;
    }

    public override async Task<AuditVerification> VerifyAuditTrail(VerifyAuditTrailRequest request, ServerCallContext context)
    {
        identity.RequireNamed(request.Service, "trail");
        var result = await trail.VerifyAsync(chain, context.CancellationToken);
        return new AuditVerification
        {
            Service = identity.Name,
            Records = result.Records,
            Intact = result.Intact,
            FirstBadSequence = result.FirstBadSequence,
            Problem = result.Problem,
            HeadHash = result.Head.Hash,
            HeadSequence = result.Head.Sequence,
        };
    }

    /// <summary>A stream position (1733563200000-0) or, in memory, a sequence number.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{1,20}(-[0-9]{1,20})?$")]
    private static partial System.Text.RegularExpressions.Regex PageToken();

    private static AuditRecordMessage ToMessage(AuditEntry entry)
    {
        var record = entry.Record;
        var message = new AuditRecordMessage
        {
            Sequence = entry.Sequence,
            At = Timestamp.FromDateTimeOffset(record.At),
            Service = record.Service,
            Operation = record.Operation,
            Actor = record.Actor,
            KeyId = record.KeyId,
            Scope = record.Scope,
            Outcome = record.Outcome,
            CorrelationId = record.CorrelationId,
            Hash = entry.Hash,
            PreviousHash = entry.Previous,
        };
        message.Resources.Add(record.Resources.ToDictionary());
        return message;
    }
}

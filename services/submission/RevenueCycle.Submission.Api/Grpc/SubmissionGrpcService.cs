using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Submission.Domain.UseCases;
using Model = RevenueCycle.Submission.Domain.Model;

namespace RevenueCycle.Submission.Api.Grpc;

/// <summary>The gRPC (and JSON) face of claim submission.</summary>
public sealed class SubmissionGrpcService(
    ClaimUseCases claims, TransmissionUseCases transmissions, IntakeUseCases intake, StatusInquiryUseCases inquiries, Clearinghouse.SubmissionOptions options, TimeProvider clock)
    : SubmissionService.SubmissionServiceBase
{
    public override async Task<ListClaimsResponse> ListClaims(ListClaimsRequest request, ServerCallContext context)
    {
        var v = new BuildingBlocks.Errors.Validator()
            .Require(request.Worklist != ClaimWorklist.Unspecified, "worklist", "is required: REJECTED or FILING_DUE")
            .Require(request.DueWithinDays is >= 0 and <= 3650, "due_within_days", "must be between 0 and 3650");
        v.ThrowIfInvalid();
        var page = request.Worklist == ClaimWorklist.Rejected
            ? await claims.RejectedAsync(request.PageSize, request.PageToken, context.CancellationToken)
            : await claims.UnfiledAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(request.DueWithinDays == 0 ? 30 : request.DueWithinDays),
                request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListClaimsResponse { NextPageToken = page.NextPageToken };
        response.Claims.AddRange(page.Items.Select(c => c.ToProto()));
        return response;
    }

    public override async Task<ClaimRecord> SubmitClaim(SubmitClaimRequest request, ServerCallContext context) =>
        (await claims.SubmitAsync(request.IdempotencyKey, ToDomain(request.Claim, "claim"), context.CancellationToken)).ToProto();

    public override async Task<ClaimRecord> GetClaim(GetClaimRequest request, ServerCallContext context) =>
        (await claims.GetAsync(request.ClaimId, context.CancellationToken)).ToProto();

    public override async Task<ClaimRecord> CorrectClaim(CorrectClaimRequest request, ServerCallContext context) =>
        (await claims.CorrectAsync(request.ClaimId, request.IdempotencyKey, ToDomain(request.Claim, "claim"), context.CancellationToken)).ToProto();

    public override async Task<ClaimRecord> VoidClaim(VoidClaimRequest request, ServerCallContext context) =>
        (await claims.VoidAsync(request.ClaimId, request.IdempotencyKey, context.CancellationToken)).ToProto();

    public override async Task<TransmitClaimsResponse> TransmitClaims(TransmitClaimsRequest request, ServerCallContext context)
    {
        var built = new List<Model.Transmission>();
        while (await transmissions.BuildAsync(context.CancellationToken) is { } transmission)
        {
            built.Add(transmission);
        }

        var response = new TransmitClaimsResponse { Sent = await transmissions.SendPendingAsync(context.CancellationToken) };
        response.Built.AddRange(built.Select(t => t.ToProto()));
        return response;
    }

    public override async Task<InquireClaimStatusResponse> InquireClaimStatus(InquireClaimStatusRequest request, ServerCallContext context)
    {
        var inquiry = await inquiries.InquireAsync(request.HasSilentDays ? request.SilentDays : options.StatusInquiryAfterDays, context.CancellationToken);
        var response = new InquireClaimStatusResponse { FileName = inquiry?.FileName ?? "", ControlNumber = inquiry?.ControlNumber ?? 0 };
        response.ClaimIds.AddRange(inquiry?.ClaimIds ?? []);
        return response;
    }

    public override async Task<ReceiveResponsesResponse> ReceiveResponses(ReceiveResponsesRequest request, ServerCallContext context) =>
        ToProto(await intake.ReceiveAsync(context.CancellationToken));

    public override async Task<ReceiveResponseFileResponse> ReceiveResponseFile(ReceiveResponseFileRequest request, ServerCallContext context)
    {
        var (result, file) = await intake.ReceiveFileAsync(request.FileName, request.Content, context.CancellationToken);
        return new ReceiveResponseFileResponse { Summary = ToProto(result), File = ToProto(file) };
    }

    private static ReceiveResponsesResponse ToProto(IntakeResult result) => new()
    {
        Files = result.Files, Duplicates = result.Duplicates, Unreadable = result.Unreadable, Acknowledgments999 = result.Acknowledgments,
        ClaimAcknowledgments277Ca = result.ClaimAcknowledgments, StatusResponses277 = result.StatusResponses, Remittances835 = result.Remittances, Rejections = result.Rejections,
        RemittancesRefused = result.RefusedRemittances,
    };

    public override async Task<Transmission> GetTransmission(GetTransmissionRequest request, ServerCallContext context) =>
        (await transmissions.GetAsync(request.TransmissionId, context.CancellationToken)).ToProto();

    public override async Task<ListTransmissionsResponse> ListTransmissions(ListTransmissionsRequest request, ServerCallContext context)
    {
        var size = request.PageSize is > 0 and <= 100 ? request.PageSize : 20;
        var after = PageToken.Decode(request.PageToken, "page_token");
        var (items, next) = await transmissions.ListAsync(after, size, context.CancellationToken);
        var response = new ListTransmissionsResponse { NextPageToken = next is null ? "" : PageToken.Encode(next) };
        response.Transmissions.AddRange(items.Select(t => t.ToProto()));
        return response;
    }

    public override async Task<ListSetAsideFilesResponse> ListSetAsideFiles(ListSetAsideFilesRequest request, ServerCallContext context)
    {
        var page = await intake.SetAsideAsync(request.PageSize is > 0 and <= 100 ? request.PageSize : 20, request.PageToken, context.CancellationToken);
        var response = new ListSetAsideFilesResponse { NextPageToken = page.NextPageToken };
        response.Files.AddRange(page.Items.Select(ToProto));
        return response;
    }

    public override async Task<Contracts.Submission.V1.InboundFile> ResolveSetAsideFile(ResolveSetAsideFileRequest request, ServerCallContext context) =>
        ToProto(await intake.ResolveAsync(request.FileId, request.Resolution, context.CancellationToken));

    private static Contracts.Submission.V1.InboundFile ToProto(Domain.UseCases.InboundFile file) => new()
    {
        FileName = file.Name, Kinds = file.Kinds, ReceivedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(file.ReceivedAt), Errors = { file.Errors },
        FileId = file.Id, ResolvedAt = file.ResolvedAt is { } at ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at) : null, Resolution = file.Resolution,
    };

    private static BuildingBlocks.Claims.Claim ToDomain(Contracts.Common.V1.Claim? claim, string field)
    {
        var v = new Validator();
        if (claim is null)
        {
            v.Add(field, "is required").ThrowIfInvalid();
        }

        var domain = claim!.ToDomain(v, field);
        v.ThrowIfInvalid();
        return domain;
    }
}

public static class SubmissionMappings
{
    public static ClaimRecord ToProto(this Model.ClaimRecord r)
    {
        var record = new ClaimRecord { ClaimId = r.ClaimId, FilingDeadline = r.FilingDeadline.ToProto(), PayerClaimControlNumber = r.PayerClaimControlNumber, SecondaryOf = r.SecondaryOf };
        record.Versions.AddRange(r.Versions.Reverse().Select(v =>
        {
            var version = new ClaimVersion
            {
                VersionNumber = v.VersionNumber, Claim = v.Claim.ToProto(), Status = (ClaimStatus)v.Status,
                CreatedAt = v.CreatedAt.ToProto(), Origin = v.Origin, TransmissionId = v.TransmissionId,
            };
            version.Findings.AddRange(v.Findings.Select(f => f.ToProto()));
            version.History.AddRange(v.Changes.Select(c => new StatusChange { Status = (ClaimStatus)c.Status, At = c.At.ToProto(), Source = c.Source, Detail = c.Detail }));
            return version;
        }));
        return record;
    }

    public static Transmission ToProto(this Model.Transmission t)
    {
        var transmission = new Transmission
        {
            TransmissionId = t.Id, FileName = t.FileName, Status = (TransmissionStatus)((int)t.Status + 1), CreatedAt = t.CreatedAt.ToProto(),
            SentAt = t.SentAt.ToProto(), Attempts = t.Attempts, LastError = t.LastError,
        };
        transmission.Claims.AddRange(t.Claims.Select(c => new TransmittedClaim { ClaimId = c.ClaimId, Version = c.Version, PayerId = c.PayerId, TransactionControlNumber = c.TransactionControlNumber }));
        transmission.GroupControlNumbers.AddRange(t.GroupControlNumbers);
        return transmission;
    }
}

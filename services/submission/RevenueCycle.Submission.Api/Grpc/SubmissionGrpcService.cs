using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.ServiceDefaults.Grpc;
using RevenueCycle.Submission.Domain.UseCases;
using Model = RevenueCycle.Submission.Domain.Model;

namespace RevenueCycle.Submission.Api.Grpc;

/// <summary>The gRPC (and JSON) face of claim submission.</summary>
public sealed class SubmissionGrpcService(ClaimUseCases claims) : SubmissionService.SubmissionServiceBase
{
    public override async Task<ClaimRecord> SubmitClaim(SubmitClaimRequest request, ServerCallContext context)
    {
        var v = new Validator();
        if (request.Claim is null)
        {
            v.Add("claim", "is required").ThrowIfInvalid();
        }

        var claim = request.Claim!.ToDomain(v, "claim");
        v.ThrowIfInvalid();
        return (await claims.SubmitAsync(request.IdempotencyKey, claim, context.CancellationToken)).ToProto();
    }

    public override async Task<ClaimRecord> GetClaim(GetClaimRequest request, ServerCallContext context) =>
        (await claims.GetAsync(request.ClaimId, context.CancellationToken)).ToProto();
}

public static class SubmissionMappings
{
    public static ClaimRecord ToProto(this Model.ClaimRecord r)
    {
        var record = new ClaimRecord { ClaimId = r.ClaimId, FilingDeadline = r.FilingDeadline.ToProto() };
        record.Versions.AddRange(r.Versions.Reverse().Select(v =>
        {
            var version = new ClaimVersion
            {
                VersionNumber = v.VersionNumber, Claim = v.Claim.ToProto(), Status = (ClaimStatus)v.Status,
                CreatedAt = v.CreatedAt.ToProto(), Origin = v.Origin,
            };
            version.Findings.AddRange(v.Findings.Select(f => f.ToProto()));
            return version;
        }));
        return record;
    }
}

using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Grpc;
using Model = RevenueCycle.Scrubbing.Domain.Model;

namespace RevenueCycle.Scrubbing.Api.Grpc;

/// <summary>The gRPC (and JSON) face of the scrubber.</summary>
public sealed class ScrubbingGrpcService(ScrubUseCases scrubs) : ScrubbingService.ScrubbingServiceBase
{
    public override async Task<ScrubResult> ScrubClaim(ScrubClaimRequest request, ServerCallContext context)
    {
        var v = new Validator();
        if (request.Claim is null)
        {
            v.Add("claim", "is required").ThrowIfInvalid();
        }

        var claim = request.Claim!.ToDomain(v, "claim");
        v.ThrowIfInvalid();
        return (await scrubs.ScrubAsync(claim, context.CancellationToken)).ToProto();
    }

    public override async Task<ScrubResult> GetScrubResult(GetScrubResultRequest request, ServerCallContext context) =>
        (await scrubs.GetAsync(request.ClaimId, context.CancellationToken)).ToProto();

    public override async Task<GetCleanClaimRateResponse> GetCleanClaimRate(GetCleanClaimRateRequest request, ServerCallContext context)
    {
        var stats = await scrubs.StatsAsync(context.CancellationToken);
        return new GetCleanClaimRateResponse
        {
            ClaimsScrubbed = stats.ClaimsScrubbed, ClaimsCleanFirstPass = stats.ClaimsCleanFirstPass, RateBasisPoints = stats.RateBasisPoints,
        };
    }
}

public static class ScrubbingMappings
{
    public static ScrubResult ToProto(this Model.ScrubResult r)
    {
        var result = new ScrubResult
        {
            ClaimId = r.ClaimId, Clean = r.Clean, ClaimFingerprint = r.ClaimFingerprint, RulesVersion = r.RulesVersion, ScrubbedAt = r.ScrubbedAt.ToProto(),
        };
        result.Findings.AddRange(r.Findings.Select(f => f.ToProto()));
        return result;
    }
}

using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Submission.Domain.Ports;

namespace RevenueCycle.Submission.Api.Clients;

/// <summary>Asks the scrubbing service over gRPC; a deadline keeps a hung scrubber from holding a submission.</summary>
public sealed class GrpcClaimScrubber(ScrubbingService.ScrubbingServiceClient client) : IClaimScrubber
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<ScrubOutcome> ScrubAsync(Claim claim, CancellationToken cancellationToken)
    {
        var result = await client.ScrubClaimAsync(
            new ScrubClaimRequest { Claim = claim.ToProto() },
            deadline: DateTime.UtcNow + Deadline,
            cancellationToken: cancellationToken);
        var v = new BuildingBlocks.Errors.Validator();
        return new ScrubOutcome(result.Findings.Select(f => f.ToDomain()).ToArray(), result.TimelyFilingDeadline.ToDateOnly(v, "timely_filing_deadline"));
    }
}

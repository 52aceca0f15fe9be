using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Submission.Domain.Ports;

/// <summary>The scrubbing service as submission sees it: findings for a claim.</summary>
public interface IClaimScrubber
{
    Task<IReadOnlyList<Finding>> ScrubAsync(Claim claim, CancellationToken cancellationToken);
}

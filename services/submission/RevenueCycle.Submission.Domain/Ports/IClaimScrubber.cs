using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Submission.Domain.Ports;

/// <summary>What the scrubber said of a claim: its findings, and the last day to file it with its payer (from the payer rules).</summary>
public sealed record ScrubOutcome(IReadOnlyList<Finding> Findings, DateOnly? TimelyFilingDeadline);

/// <summary>
/// The scrubbing service as submission sees it. Its payer rules are the one place timely-filing limits are kept: the
/// scrubber refuses a late claim and gives submission the deadline it then tracks.
/// </summary>
public interface IClaimScrubber
{
    Task<ScrubOutcome> ScrubAsync(Claim claim, CancellationToken cancellationToken);
}

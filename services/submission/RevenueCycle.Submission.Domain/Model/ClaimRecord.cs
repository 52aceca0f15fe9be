using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Submission.Domain.Model;

public enum ClaimStatus
{
    Unspecified,
    Created,
    Scrubbed,
    ScrubRejected,
    Submitted,
    Accepted,
    Rejected,
    Adjudicated,
    Corrected,
    Voided,
}

/// <summary>One version of a claim: the original, then each replacement or void.</summary>
public sealed record ClaimVersion(int VersionNumber, Claim Claim, ClaimStatus Status, IReadOnlyList<Finding> Findings, DateTimeOffset CreatedAt, string Origin);

/// <summary>A claim and all its versions, newest last.</summary>
public sealed record ClaimRecord(string ClaimId, IReadOnlyList<ClaimVersion> Versions, DateTimeOffset? FilingDeadline)
{
    public ClaimVersion Latest => Versions[^1];
}

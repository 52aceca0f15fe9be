using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Scrubbing.Domain.Model;

/// <summary>The findings for one version of a claim's content.</summary>
public sealed record ScrubResult(string ClaimId, bool Clean, IReadOnlyList<Finding> Findings, string ClaimFingerprint, string RulesVersion, DateTimeOffset ScrubbedAt,
    DateOnly? TimelyFilingDeadline = null);

/// <summary>Counters for the scrubber clean-claim rate: first scrub of each claim id, clean or not.</summary>
public sealed record CleanClaimStats(long ClaimsScrubbed, long ClaimsCleanFirstPass)
{
    public static readonly CleanClaimStats Zero = new(0, 0);

    /// <summary>Clean share in basis points, rounded half up.</summary>
    public int RateBasisPoints => ClaimsScrubbed == 0 ? 0 : (int)((ClaimsCleanFirstPass * 10_000 + ClaimsScrubbed / 2) / ClaimsScrubbed);
}

/// <summary>Which claim line holds an exact-duplicate key; an empty claim id is a released key.</summary>
public sealed record DuplicateEntry(string ClaimId, uint LineNumber);

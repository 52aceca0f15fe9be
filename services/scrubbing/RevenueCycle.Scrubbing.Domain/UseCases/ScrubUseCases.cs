using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Scrubbing.Domain.Model;
using RevenueCycle.Scrubbing.Domain.Rules;

namespace RevenueCycle.Scrubbing.Domain.UseCases;

/// <summary>
/// Scrubs claims and records results. The same content scrubbed again returns the recorded result; the first
/// scrub of a claim id counts toward the clean-claim rate, later ones (after fixes) do not.
/// </summary>
public sealed class ScrubUseCases(IDocumentStore store, TimeProvider clock)
{
    private const string StatsKey = "clean-claim-rate";
    private const string Scrubbed = "scrubbed";
    private const string CleanFirstPass = "clean-first-pass";

    private static string ResultKey(string claimId) => $"result:{claimId}";

    /// <summary>Findings only; nothing is recorded.</summary>
    public static IReadOnlyList<Finding> Findings(Claim claim) => ClaimRules.Check(claim);

    public async Task<ScrubResult> ScrubAsync(Claim claim, CancellationToken cancellationToken)
    {
        var fingerprint = DocumentStoreExtensions.Fingerprint(claim);
        var findings = ClaimRules.Check(claim);
        var result = new ScrubResult(claim.ClaimId, !findings.Any(f => f.Severity == Severity.Reject), findings, fingerprint, ClaimRules.Version, clock.GetUtcNow());
        if (string.IsNullOrWhiteSpace(claim.ClaimId))
        {
            return result; // nothing to record a result against
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var previous = await store.GetAsync<ScrubResult>(ResultKey(claim.ClaimId), cancellationToken);
            if (previous is { } p && p.Value.ClaimFingerprint == fingerprint && p.Value.RulesVersion == result.RulesVersion)
            {
                return p.Value;
            }

            var changes = new ChangeSet().Put(ResultKey(claim.ClaimId), result, previous?.Version ?? ChangeSet.New);
            if (previous is null)
            {
                // Counters, not a versioned document: concurrent first scrubs of different claims never conflict.
                changes.Increment(StatsKey, Scrubbed, 1).Increment(StatsKey, CleanFirstPass, result.Clean ? 1 : 0);
            }

            if ((await store.CommitAsync(changes, cancellationToken)).IsCommitted)
            {
                return result;
            }
        }

        throw new ConcurrencyConflictException("Scrub result", claim.ClaimId);
    }

    public async Task<ScrubResult> GetAsync(string claimId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(claimId, "claim_id").ThrowIfInvalid();
        return (await store.GetAsync<ScrubResult>(ResultKey(claimId), cancellationToken))?.Value ?? throw new NotFoundException("Scrub result", claimId);
    }

    public async Task<CleanClaimStats> StatsAsync(CancellationToken cancellationToken)
    {
        var counters = await store.GetCountersAsync(StatsKey, cancellationToken);
        return new CleanClaimStats(counters.GetValueOrDefault(Scrubbed), counters.GetValueOrDefault(CleanFirstPass));
    }
}

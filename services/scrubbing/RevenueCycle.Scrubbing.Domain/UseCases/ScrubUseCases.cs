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
    private const string StatsKey = "stats:clean-claim-rate";

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
                var stats = await store.GetAsync<CleanClaimStats>(StatsKey, cancellationToken);
                var current = stats?.Value ?? CleanClaimStats.Zero;
                changes.Put(StatsKey, new CleanClaimStats(current.ClaimsScrubbed + 1, current.ClaimsCleanFirstPass + (result.Clean ? 1 : 0)), stats?.Version ?? ChangeSet.New);
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

    public async Task<CleanClaimStats> StatsAsync(CancellationToken cancellationToken) =>
        (await store.GetAsync<CleanClaimStats>(StatsKey, cancellationToken))?.Value ?? CleanClaimStats.Zero;
}

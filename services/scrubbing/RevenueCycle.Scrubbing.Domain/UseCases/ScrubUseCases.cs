using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.Scrubbing.Domain.Model;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.Ports;
using RevenueCycle.Scrubbing.Domain.Rules;

namespace RevenueCycle.Scrubbing.Domain.UseCases;

/// <summary>
/// Scrubs claims and records results. The same content scrubbed again under the same rules returns the recorded
/// result; the first scrub of a claim id counts toward the clean-claim rate, later ones (after fixes) do not. A
/// clean claim's lines are remembered by their exact-duplicate keys, so the same service on another claim is caught.
/// </summary>
public sealed class ScrubUseCases(IDocumentStore store, ReferenceDataCatalog referenceData, PayerRuleCatalog payerRules, TimeProvider clock, IAuthorizationRegistry? authorizations = null)
{
    private const string StatsKey = "clean-claim-rate";
    private const string Scrubbed = "scrubbed";
    private const string CleanFirstPass = "clean-first-pass";

    private static string ResultKey(string claimId) => $"result:{claimId}";

    private static string DuplicateKey(string hash) => $"dup:{hash}";

    private static string ClaimKeys(string claimId) => $"dup-keys:{claimId}";

    /// <summary>The tables in force, judging as of <paramref name="asOf"/> (default today).</summary>
    public ScrubContext Context(DateOnly? asOf = null) => new(referenceData.Current, payerRules.Current, asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>Findings only (duplicates across claims included), judged as of <paramref name="asOf"/> (default today); nothing is recorded or counted.</summary>
    public async Task<ScrubResult> ValidateAsync(Claim claim, CancellationToken cancellationToken, DateOnly? asOf = null)
    {
        var (result, _, _) = await EvaluateAsync(claim, cancellationToken, asOf);
        return result;
    }

    public async Task<ScrubResult> ScrubAsync(Claim claim, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var (result, keys, held) = await EvaluateAsync(claim, cancellationToken);
            if (string.IsNullOrWhiteSpace(claim.ClaimId))
            {
                return result; // nothing to record a result against
            }

            var previous = await store.GetAsync<ScrubResult>(ResultKey(claim.ClaimId), cancellationToken);
            if (previous is { } p && p.Value.ClaimFingerprint == result.ClaimFingerprint && p.Value.RulesVersion == result.RulesVersion)
            {
                return p.Value;
            }

            var changes = new ChangeSet().Put(ResultKey(claim.ClaimId), result, previous?.Version ?? ChangeSet.New);
            if (previous is null)
            {
                // Counters, not a versioned document: concurrent first scrubs of different claims never conflict.
                changes.Increment(StatsKey, Scrubbed, 1).Increment(StatsKey, CleanFirstPass, result.Clean ? 1 : 0);
            }

            if (result.Clean)
            {
                await RememberLinesAsync(claim.ClaimId, keys, held, changes, cancellationToken);
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

    /// <summary>The engine's findings plus lines another claim already billed; the keys and their current holders.</summary>
    private async Task<(ScrubResult Result, IReadOnlyList<DuplicateKey> Keys, Dictionary<string, (DuplicateEntry Value, long Version)> Held)> EvaluateAsync(Claim claim, CancellationToken cancellationToken, DateOnly? asOf = null)
    {
        var context = Context(asOf);
        var findings = ClaimScrubber.Scrub(claim, context);
        findings.AddRange(await AuthorizationFindingsAsync(claim, context, cancellationToken));
        // Replacements and voids restate a claim already sent: they are meant to match it.
        var keys = claim.Frequency is ClaimFrequency.Replacement or ClaimFrequency.Void ? [] : DuplicateRules.Keys(claim);
        var held = new Dictionary<string, (DuplicateEntry Value, long Version)>(StringComparer.Ordinal);
        if (keys.Count > 0)
        {
            foreach (var stored in await store.GetManyAsync(keys.Select(k => DuplicateKey(k.Hash)).Distinct().ToArray(), cancellationToken))
            {
                held[stored.Key] = (DocumentJson.Deserialize<DuplicateEntry>(stored.Json), stored.Version);
            }

            foreach (var key in keys)
            {
                if (held.TryGetValue(DuplicateKey(key.Hash), out var other) && other.Value.ClaimId.Length > 0 && other.Value.ClaimId != claim.ClaimId)
                {
                    findings.Add(DuplicateRules.AlreadyBilled(key, other.Value.ClaimId, other.Value.LineNumber));
                }
            }
        }

        var result = new ScrubResult(claim.ClaimId, !findings.Any(f => f.Severity == Severity.Reject), findings,
            DocumentStoreExtensions.Fingerprint(claim), ClaimScrubber.RulesVersion(claim, context), clock.GetUtcNow(),
            PayerRuleEdits.TimelyFilingDeadline(claim, context.PayerRules, claim.Payer?.PayerId ?? ""));
        return (result, keys, held);
    }

    /// <summary>
    /// A claim whose payer wants prior authorization for some of its lines and that carries a number: the number must be
    /// on file with the payer for the patient, in force on the dates, cover the codes and have units left (a front-end
    /// fix). The claim's missing number is the payer rule's own finding; a registry that cannot be asked is a warning.
    /// </summary>
    private async Task<IReadOnlyList<Finding>> AuthorizationFindingsAsync(Claim claim, ScrubContext context, CancellationToken cancellationToken)
    {
        var number = claim.PriorAuthorizationNumber.Trim();
        if (authorizations is null || number.Length == 0 || claim.Frequency == ClaimFrequency.Void || claim.Patient?.PatientId is not { Length: > 0 } patientId)
        {
            return [];
        }

        var indexes = PayerRuleEdits.LinesNeedingPriorAuthorization(claim, context.PayerRules);
        if (indexes.Count == 0)
        {
            return [];
        }

        var services = indexes.Select(i => new AuthorizationService(claim.Lines[i].ProcedureCode, (int)Math.Max(1, claim.Lines[i].Units), (claim.Lines[i].ServiceDateFrom ?? claim.FirstDateOfService)!.Value)).ToList();
        var lines = indexes.Select(i => LineNumbers.Of(claim.Lines[i], i)).ToArray();
        const string Field = "claim.prior_authorization_number";
        const string Source = "Authorizations on file (eligibility service)";
        AuthorizationAnswer answer;
        try
        {
            answer = await authorizations.CheckAsync(claim.Payer?.PayerId ?? "", patientId, number, services, claim.ClaimId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [new Finding("PRIOR-AUTH-UNVERIFIED", Severity.Warning, Owner.FrontEnd, "The claim's prior authorization could not be checked against the authorizations on file (the eligibility service did not answer).",
                Field, lines, Source, "Check the authorization with the payer before the claim goes out, or scrub again.")];
        }

        var (rule, message, fix) = answer.Verdict switch
        {
            AuthorizationVerdict.NotFound => ("PRIOR-AUTH-NOT-ON-FILE", "The claim's prior authorization number is not on file for this payer and patient.",
                "Record the payer's authorization (rcm auth add) or correct the number on the claim."),
            AuthorizationVerdict.Expired => ("PRIOR-AUTH-EXPIRED", "The claim's prior authorization is not in force on the date of service.",
                "Ask the payer for an extension or a new authorization (a retro-authorization if allowed)."),
            AuthorizationVerdict.CodeNotCovered => ("PRIOR-AUTH-CODE", "The claim's prior authorization does not cover a service that needs one.",
                "Ask the payer to add the code to the authorization, or correct the code if the authorized service was performed."),
            AuthorizationVerdict.UnitsExhausted => ("PRIOR-AUTH-UNITS", "The claim needs more units than its prior authorization has left.",
                "Ask the payer for more units before the claim goes out."),
            _ => ("", "", ""),
        };
        return rule.Length == 0 ? [] : [new Finding(rule, Severity.Reject, Owner.FrontEnd, $"{message} {answer.Detail}".Trim(), Field, lines, Source, fix)];
    }

    /// <summary>Claims the clean claim's keys and releases the keys its earlier content held.</summary>
    private async Task RememberLinesAsync(string claimId, IReadOnlyList<DuplicateKey> keys, Dictionary<string, (DuplicateEntry Value, long Version)> held, ChangeSet changes, CancellationToken cancellationToken)
    {
        var before = await store.GetAsync<string[]>(ClaimKeys(claimId), cancellationToken);
        var now = keys.Select(k => k.Hash).Distinct().ToArray();
        foreach (var key in keys.DistinctBy(k => k.Hash))
        {
            if (!held.TryGetValue(DuplicateKey(key.Hash), out var existing))
            {
                changes.Put(DuplicateKey(key.Hash), new DuplicateEntry(claimId, key.LineNumber), ChangeSet.New);
            }
            else if (existing.Value.ClaimId.Length == 0 || existing.Value.ClaimId == claimId)
            {
                changes.Put(DuplicateKey(key.Hash), new DuplicateEntry(claimId, key.LineNumber), existing.Version);
            }
        }

        var released = (before?.Value ?? []).Except(now).Select(DuplicateKey).ToArray();
        foreach (var stored in await store.GetManyAsync(released, cancellationToken))
        {
            if (DocumentJson.Deserialize<DuplicateEntry>(stored.Json).ClaimId == claimId)
            {
                changes.Put(stored.Key, new DuplicateEntry("", 0), stored.Version);
            }
        }

        changes.Put(ClaimKeys(claimId), now, before?.Version ?? ChangeSet.New);
    }
}

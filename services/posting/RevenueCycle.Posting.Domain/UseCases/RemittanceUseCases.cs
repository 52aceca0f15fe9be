using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;

using static RevenueCycle.Posting.Domain.UseCases.RemittanceKeys;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>The payer and trace number of a remittance, marked once: a second import finds it and posts nothing.</summary>
public sealed record TraceMarker(string RemittanceId);

/// <summary>
/// Posts remittances in chunks (what posting reads back is <see cref="RemittanceQueries"/>). The header (payer, trace, total, PLB) and the payer+trace marker are written first;
/// then each chunk of claim payments is one commit holding the payments, their denials, the claim-denied and
/// claim-adjudicated events for the outbox, and the header's count of posted claims. A chunk is all or nothing, and
/// an interrupted posting resumes after the last chunk committed, so a retry never posts a claim twice and memory
/// stays flat however large the remittance.
/// </summary>
public sealed class RemittanceUseCases(IDocumentStore store, TimeProvider clock, PostingTables? tables = null)
{
    /// <summary>Claim payments per commit: large enough to amortise a round trip, small enough for one Redis transaction.</summary>
    public const int ChunkSize = 256;

    /// <summary>Without tables: the default appeal window, codes checked by shape, nothing priced.</summary>
    private readonly PostingTables _tables = tables ?? new PostingTables(PostingSettings.Default, null);
    private readonly DenialUseCases denialCases = new(store, clock);

    /// <summary>Posts a remittance given whole (the RPC, the clearinghouse's 835s): checked first, refused whole if it does not balance.</summary>
    public async Task<PostingResult> PostAsync(Remittance input, CancellationToken cancellationToken)
    {
        RemittanceBalancing.Validate(input);
        var (header, duplicate) = await BeginAsync(input with { Claims = [] }, input.Claims.Count, "api", cancellationToken);
        if (duplicate)
        {
            return header.Value.Result(duplicate: true);
        }

        var start = 0;
        do
        {
            header = await PostChunkAsync(header, start, input.Claims.Skip(start).Take(ChunkSize).ToList(), cancellationToken);
            start += ChunkSize;
        }
        while (start < input.Claims.Count);

        return header.Value.Result(duplicate: false);
    }

    /// <summary>
    /// Starts (or finds) the remittance with this payer and trace number. Returns it and whether it was posted
    /// completely before (a duplicate); one still posting is returned to be resumed.
    /// </summary>
    public async Task<(Versioned<RemittanceHeader> Header, bool Duplicate)> BeginAsync(Remittance payment, int claimCount, string source, CancellationToken cancellationToken)
    {
        var traceKey = TraceKey(payment.PayerId, payment.TraceNumber);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.GetAsync<TraceMarker>(traceKey, cancellationToken) is { } marker)
            {
                var existing = await store.GetAsync<RemittanceHeader>(RemittanceKey(marker.Value.RemittanceId), cancellationToken)
                    ?? throw new ConcurrencyConflictException("Remittance", marker.Value.RemittanceId);
                return (existing, existing.Value.State == RemittanceState.Posted);
            }

            var id = "rem_" + Guid.CreateVersion7().ToString("N");
            var header = new RemittanceHeader(id, payment.PayerId.Trim(), payment.TraceNumber.Trim(), payment.PaymentDate, payment.TotalPaidCents, payment.Plb, claimCount,
                0, 0, RemittanceState.Posting, source, clock.GetUtcNow(), null);
            var changes = new ChangeSet().Put(RemittanceKey(id), header, ChangeSet.New).Put(traceKey, new TraceMarker(id), ChangeSet.New);
            if ((await store.CommitAsync(changes, cancellationToken)).IsCommitted)
            {
                return (new Versioned<RemittanceHeader>(header, ChangeSet.New + 1), false);
            }
            // Lost a race with the same remittance: the next pass finds the winner's marker.
        }

        throw new ConcurrencyConflictException("Remittance", traceKey);
    }

    /// <summary>
    /// Posts claim payments <paramref name="start"/>.. of the remittance in one commit; those already posted (an
    /// earlier, interrupted run) are skipped. The chunk that reaches the claim count marks the remittance posted and
    /// records its provider adjustments.
    /// </summary>
    public async Task<Versioned<RemittanceHeader>> PostChunkAsync(Versioned<RemittanceHeader> header, int start, IReadOnlyList<ClaimPayment> claims, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var current = header.Value;
            if (start > current.PostedClaims)
            {
                throw new InvalidOperationException($"Claim payments are posted in order: {current.PostedClaims} posted, chunk starts at {start}.");
            }

            var skip = current.PostedClaims - start;
            if (current.State == RemittanceState.Posted || (skip >= claims.Count && claims.Count > 0))
            {
                return header;
            }

            var changes = new ChangeSet();
            var now = clock.GetUtcNow();
            var denials = 0;
            var closedInCommit = new HashSet<string>(StringComparer.Ordinal);
            var findings = current.Notes.ToList();
            var (rules, prices) = _tables.Current;
            // One read for the chunk's claims as submitted, to match the payments' lines against.
            var ids = claims.Skip(skip).Select(c => c.EffectiveClaimId).Distinct(StringComparer.Ordinal).ToArray();
            var documents = (await store.GetManyAsync<SubmittedClaim>(ids.Select(SubmittedClaimUseCases.Key).ToArray(), cancellationToken))
                .ToDictionary(c => c.Value.ClaimId, StringComparer.Ordinal);
            var submitted = documents.Values.Where(c => c.Value.Known).ToDictionary(c => c.Value.ClaimId, c => c.Value, StringComparer.Ordinal);
            // A claim not known yet gets (or keeps) its placeholder, written with the version read: if its claim-submitted
            // commits meanwhile, this commit fails and the chunk is matched again; if this commits first, the handler
            // fails, looks again and finds the payment waiting (SubmittedClaimUseCases). Either way they meet.
            foreach (var id in ids.Where(id => !submitted.ContainsKey(id)))
            {
                var placeholder = documents.GetValueOrDefault(id);
                changes.Put(SubmittedClaimUseCases.Key(id), placeholder?.Value ?? SubmittedClaim.Placeholder(id), placeholder?.Version ?? ChangeSet.New);
            }

            for (var i = skip; i < claims.Count; i++)
            {
                var claim = UnmatchedUseCases.Match(claims[i], submitted.GetValueOrDefault(claims[i].EffectiveClaimId), current.RemittanceId, current.PayerId, start + i, changes, now);
                var key = PaymentKey(current.RemittanceId, start + i);
                changes.Put(key, claim, ChangeSet.New).Index(ClaimPaymentsIndex(claim.EffectiveClaimId), key, now.ToUnixTimeMilliseconds() + i);
                if (claim.StatusCode == "22")
                {
                    await ReverseAsync(claim, key, changes, closedInCommit, now, cancellationToken);
                }

                if (submitted.GetValueOrDefault(claim.EffectiveClaimId) is { Voided: true } && claim.StatusCode != "22")
                {
                    continue; // posted and queued (UnmatchedUseCases.VoidedClaimPaid), never a payment of the claim: no denials, no claim-adjudicated
                }

                denials += PostClaim(current, claim, changes, now, rules);
                if (submitted.GetValueOrDefault(claim.EffectiveClaimId) is { VersionNumber: > 1 } && claim.StatusCode != "22" && claim.PaidCents > 0)
                {
                    // A corrected claim paid: what the payer denied before and pays now leaves the owners' worklists.
                    await denialCases.CloseOverturnedAsync(claim, current.RemittanceId, changes, closedInCommit, now, cancellationToken);
                }
                if (findings.Count < PostingSettings.MaxFindings)
                {
                    findings.AddRange(rules.CodeFindings(claim, current.PaymentDate ?? DateOnly.FromDateTime(now.UtcDateTime))
                        .Select(f => $"claim payment {start + i + 1} (claim {claim.EffectiveClaimId}): {f}"));
                }

                if (prices is not null)
                {
                    UnderpaymentUseCases.Check(prices, claim, submitted.GetValueOrDefault(claim.EffectiveClaimId), current.RemittanceId, current.PayerId, start + i, changes, now);
                }
            }

            var posted = start + claims.Count;
            var done = posted >= current.ClaimCount;
            var updated = current with
            {
                PostedClaims = posted, DenialsDetected = current.DenialsDetected + denials, Findings = findings.Take(PostingSettings.MaxFindings).ToArray(),
                State = done ? RemittanceState.Posted : RemittanceState.Posting, PostedAt = done ? now : null,
            };
            if (done)
            {
                for (var p = 0; p < current.ProviderAdjustments.Count; p++)
                {
                    var entry = new ProviderAdjustmentEntry($"{current.RemittanceId}-{p + 1}", current.RemittanceId, current.PayerId, current.TraceNumber, current.PaymentDate,
                        current.ProviderAdjustments[p], now);
                    changes.Put(ProviderAdjustmentKey(entry.EntryId), entry, ChangeSet.New)
                        .Index(ProviderAdjustmentsIndex, entry.EntryId, now.ToUnixTimeMilliseconds() + p)
                        .Index(ProviderAdjustmentsByReasonIndex(entry.Adjustment.ReasonCode), entry.EntryId, now.ToUnixTimeMilliseconds() + p);
                }

                changes.Index(ByTraceIndex(current.TraceNumber), current.RemittanceId, now.ToUnixTimeMilliseconds());
                await DepositUseCases.OnRemittancePostedAsync(store, updated, changes, cancellationToken);
            }

            changes.Put(RemittanceKey(current.RemittanceId), updated, header.Version);
            if ((await store.CommitAsync(changes, cancellationToken)).IsCommitted)
            {
                return new Versioned<RemittanceHeader>(updated, header.Version + 1); // no need to read back what was just written
            }

            // Someone else posted part of it meanwhile, or a claim of the chunk arrived: read how far and go on from there.
            header = (await store.GetAsync<RemittanceHeader>(RemittanceKey(current.RemittanceId), cancellationToken))!;
        }

        throw new ConcurrencyConflictException("Remittance", header.Value.RemittanceId);
    }

    /// <summary>
    /// A reversal (CLP02 22) takes back an earlier payment of the claim: the newest one from the same payer claim
    /// control number (else of the claim) that is not reversed yet is marked reversed, and the denials posted with
    /// it are closed; the corrected payment that usually follows is posted as any other.
    /// </summary>
    private async Task ReverseAsync(ClaimPayment reversal, string reversalKey, ChangeSet changes, ISet<string> closedInCommit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var earlier = await store.RangeAsync(ClaimPaymentsIndex(reversal.EffectiveClaimId), null, 50, descending: true, cancellationToken);
        var keys = earlier.Select(e => e.Member).Where(k => k != reversalKey).ToArray();
        var payments = await store.GetManyAsync(keys, cancellationToken);
        // A reversed payment has a marker named after it; its value is the reversal's key.
        var alreadyReversed = (await store.GetManyAsync(keys.Select(ReversedKey).ToArray(), cancellationToken))
            .Select(d => d.Key[ReversedKey("").Length..]).ToHashSet(StringComparer.Ordinal);
        var candidates = payments.Select(d => (d.Key, Payment: DocumentJson.Deserialize<ClaimPayment>(d.Json)))
            .Where(c => c.Payment.StatusCode != "22" && !alreadyReversed.Contains(c.Key)).ToList();
        var original = candidates.Where(c => c.Payment.PayerClaimControlNumber == reversal.PayerClaimControlNumber && c.Payment.PaidCents == -reversal.PaidCents)
            .Concat(candidates.Where(c => c.Payment.PayerClaimControlNumber == reversal.PayerClaimControlNumber))
            .Concat(candidates)
            .Select(c => c.Key)
            .FirstOrDefault();
        if (original is null)
        {
            return; // its original was posted elsewhere: the reversal stands on its own
        }

        changes.Put(ReversedKey(original), reversalKey, ChangeSet.New);
        var remittanceId = original.Split(':')[1];
        foreach (var denial in (await denialCases.OfClaimAsync(reversal.EffectiveClaimId, cancellationToken)).Where(d => d.Value.RemittanceId == remittanceId))
        {
            DenialUseCases.Close(changes, denial, now, $"payment reversed by the payer ({reversalKey})", closedInCommit);
        }
    }

    /// <summary>The denials of one claim payment and its claim-denied / claim-adjudicated events; returns how many denials.</summary>
    private static int PostClaim(RemittanceHeader remittance, ClaimPayment claim, ChangeSet changes, DateTimeOffset now, PostingSettings rules)
    {
        var denials = 0;
        foreach (var (line, adjustment, remarks) in DenialClassifier.Find(claim))
        {
            var category = DenialClassifier.Categorize(adjustment.ReasonCode, remarks);
            var denial = new Denial(
                $"den_{Guid.CreateVersion7():N}", remittance.RemittanceId, claim.EffectiveClaimId, remittance.PayerId, claim.PayerClaimControlNumber,
                line?.LineItemControlNumber ?? "", line?.ProcedureCode ?? "", line?.Modifiers ?? [], adjustment.GroupCode, adjustment.ReasonCode,
                remarks, adjustment.AmountCents, category, DenialClassifier.RootCause(category), DenialClassifier.Version, now,
                rules.AppealDeadline(remittance.PayerId, remittance.PaymentDate ?? DateOnly.FromDateTime(now.UtcDateTime)));
            changes.Put(DenialKey(denial.DenialId), denial, ChangeSet.New)
                .Index(DenialsIndex, denial.DenialId, now.ToUnixTimeMilliseconds())
                .Index(CategoryIndex(category), denial.DenialId, now.ToUnixTimeMilliseconds())
                .Index(WorklistIndex(denial.RootCause), denial.DenialId, denial.AppealDeadline!.Value.DayNumber)
                .Index(ClaimDenialsIndex(denial.ClaimId), denial.DenialId, now.ToUnixTimeMilliseconds())
                .Publish(new ClaimDeniedIntegrationEvent(
                    denial.DenialId, denial.ClaimId, denial.RemittanceId, denial.PayerId, denial.PayerClaimControlNumber,
                    NullIfEmpty(denial.LineItemControlNumber), NullIfEmpty(denial.ProcedureCode), denial.Modifiers, denial.GroupCode,
                    denial.ReasonCode, denial.RemarkCodes, denial.DeniedCents, denial.Category.ToString(), denial.RootCause, denial.ClassificationVersion,
                    line?.ServiceDate ?? claim.Lines.Select(l => l.ServiceDate).Where(d => d.HasValue).Min()));
            denials++;
        }

        var patientShare = claim.PatientResponsibilityCents != 0
            ? claim.PatientResponsibilityCents
            : claim.AllAdjustments.Where(a => a.GroupCode == "PR").Sum(a => a.AmountCents);
        long Share(params string[] carcs) => claim.AllAdjustments.Where(a => a.GroupCode == "PR" && carcs.Contains(a.ReasonCode)).Sum(a => a.AmountCents);
        changes.Publish(new ClaimAdjudicatedIntegrationEvent(
            claim.EffectiveClaimId, remittance.RemittanceId, remittance.PayerId, claim.PayerClaimControlNumber, claim.StatusCode,
            claim.ChargeCents, claim.PaidCents, SettledAdjustments(claim),
            patientShare, NullIfEmpty(claim.PatientAccountId), Share("1"), Share("2"), Share("3"), AdjudicatedLines(claim),
            Share(ClaimAdjudicatedIntegrationEvent.NonCoveredReasons)));
        return denials;
    }

    /// <summary>Each service line the payer reported with a line item control number (REF*6R), its amounts by the same rules as the claim's.</summary>
    private static IReadOnlyList<AdjudicatedLine> AdjudicatedLines(ClaimPayment claim) => claim.Lines.Where(l => l.LineItemControlNumber.Length > 0).Select(l =>
    {
        long Pr(params string[] carcs) => l.Adjustments.Where(a => a.GroupCode == "PR" && carcs.Contains(a.ReasonCode)).Sum(a => a.AmountCents);
        var patient = l.Adjustments.Where(a => a.GroupCode == "PR").Sum(a => a.AmountCents);
        var (deductible, coinsurance, copay, nonCovered) = (Pr("1"), Pr("2"), Pr("3"), Pr(ClaimAdjudicatedIntegrationEvent.NonCoveredReasons));
        return new AdjudicatedLine(l.LineItemControlNumber, l.PaidCents, Settled(l.Adjustments), deductible, coinsurance, copay,
            patient - deductible - coinsurance - copay - nonCovered, nonCovered);
    }).ToList();

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// Adjustments that settle the charge for good (contractual write-downs and the like). Denied amounts stay open
    /// as insurance balance while the denial is worked, and CARC 23 (impact of the prior payer) is only COB arithmetic.
    /// </summary>
    private static long SettledAdjustments(ClaimPayment claim) => Settled(claim.AllAdjustments);

    private static long Settled(IEnumerable<Adjustment> adjustments) =>
        adjustments.Where(a => a.GroupCode != "PR" && a.ReasonCode != "23" && !DenialClassifier.IsDenialAdjustment(a)).Sum(a => a.AmountCents);
}

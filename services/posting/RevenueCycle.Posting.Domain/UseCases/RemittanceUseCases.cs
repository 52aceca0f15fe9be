using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;

namespace RevenueCycle.Posting.Domain.UseCases;

public sealed record DenialPage(IReadOnlyList<Denial> Denials, string NextPageToken);

/// <summary>
/// Posts remittances. One commit holds the remittance, its denials, the payer+trace marker that makes a second
/// import a no-op, and the claim-denied and claim-adjudicated events for the outbox: all or nothing.
/// </summary>
public sealed class RemittanceUseCases(IDocumentStore store, TimeProvider clock)
{
    public const string DenialsIndex = "denials";

    private static string Key(string id) => $"remittance:{id}";

    private static string TraceKey(string payerId, string trace) => $"trace:{payerId}:{trace}";

    private static string DenialKey(string id) => $"denial:{id}";

    private static string CategoryIndex(DenialCategory category) => $"denials:{category.ToString().ToLowerInvariant()}";

    public async Task<PostingResult> PostAsync(Remittance input, CancellationToken cancellationToken)
    {
        RemittanceBalancing.Validate(input);
        var traceKey = TraceKey(input.PayerId.Trim(), input.TraceNumber.Trim());
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var posted = await store.GetAsync<PostingResult>(traceKey, cancellationToken);
            if (posted is not null)
            {
                return posted.Value with { Duplicate = true };
            }

            var changes = new ChangeSet();
            var result = Post(input, changes, traceKey);
            if ((await store.CommitAsync(changes, cancellationToken)).IsCommitted)
            {
                return result;
            }
            // Lost a race with the same remittance: the next pass reports it as a duplicate.
        }

        throw new ConcurrencyConflictException("Remittance", traceKey);
    }

    public async Task<Remittance> GetAsync(string remittanceId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(remittanceId, "remittance_id").ThrowIfInvalid();
        return (await store.GetAsync<Remittance>(Key(remittanceId), cancellationToken))?.Value ?? throw new NotFoundException("Remittance", remittanceId);
    }

    /// <summary>Denials newest first, optionally of one category; the page token is a cursor.</summary>
    public async Task<DenialPage> ListDenialsAsync(DenialCategory category, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var size = pageSize <= 0 ? 50 : Math.Min(pageSize, 500);
        var index = category == DenialCategory.Unspecified ? DenialsIndex : CategoryIndex(category);
        var (ids, next) = await store.PageAsync(index, pageToken, size, descending: true, cancellationToken);
        var denials = await store.GetManyAsync<Denial>(ids.Select(DenialKey).ToArray(), cancellationToken);
        return new DenialPage(denials.Select(d => d.Value).ToArray(), next);
    }

    private PostingResult Post(Remittance input, ChangeSet changes, string traceKey)
    {
        var now = clock.GetUtcNow();
        var remittance = input with { RemittanceId = "rem_" + Guid.CreateVersion7().ToString("N"), PostedAt = now };
        var denials = 0;
        foreach (var claim in remittance.Claims)
        {
            foreach (var (line, adjustment, remarks) in DenialClassifier.Find(claim))
            {
                var category = DenialClassifier.Categorize(adjustment.ReasonCode, remarks);
                var denial = new Denial(
                    $"den_{Guid.CreateVersion7():N}", remittance.RemittanceId, claim.EffectiveClaimId, remittance.PayerId, claim.PayerClaimControlNumber,
                    line?.LineItemControlNumber ?? "", line?.ProcedureCode ?? "", line?.Modifiers ?? [], adjustment.GroupCode, adjustment.ReasonCode,
                    remarks, adjustment.AmountCents, category, DenialClassifier.RootCause(category), DenialClassifier.Version, now);
                changes.Put(DenialKey(denial.DenialId), denial, ChangeSet.New)
                    .Index(DenialsIndex, denial.DenialId, now.ToUnixTimeMilliseconds())
                    .Index(CategoryIndex(category), denial.DenialId, now.ToUnixTimeMilliseconds())
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
            changes.Publish(new ClaimAdjudicatedIntegrationEvent(
                claim.EffectiveClaimId, remittance.RemittanceId, remittance.PayerId, claim.PayerClaimControlNumber, claim.StatusCode,
                claim.ChargeCents, claim.PaidCents, SettledAdjustments(claim),
                patientShare, NullIfEmpty(claim.PatientAccountId)));
        }

        var result = new PostingResult(remittance.RemittanceId, false, remittance.Claims.Count, denials, remittance.TotalPaidCents);
        changes.Put(Key(remittance.RemittanceId), remittance, ChangeSet.New).Put(traceKey, result, ChangeSet.New);
        return result;
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>
    /// Adjustments that settle the charge for good (contractual write-downs and the like). Denied amounts stay open
    /// as insurance balance while the denial is worked, and CARC 23 (impact of the prior payer) is only COB arithmetic.
    /// </summary>
    private static long SettledAdjustments(ClaimPayment claim) =>
        claim.AllAdjustments.Where(a => a.GroupCode != "PR" && a.ReasonCode != "23" && !DenialClassifier.IsDenialAdjustment(a)).Sum(a => a.AmountCents);
}

using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;
using static RevenueCycle.Posting.Domain.UseCases.RemittanceKeys;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>What posting reads back: a posted remittance, denials by category, the owners' denial worklists, PLB entries.</summary>
public sealed class RemittanceQueries(IDocumentStore store)
{
    /// <summary>A posted remittance with its claim payments, in file order.</summary>
    public async Task<Remittance> GetAsync(string remittanceId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(remittanceId, "remittance_id").ThrowIfInvalid();
        var header = (await store.GetAsync<RemittanceHeader>(RemittanceKey(remittanceId), cancellationToken))?.Value ?? throw new NotFoundException("Remittance", remittanceId);
        var claims = new List<ClaimPayment>(header.PostedClaims);
        for (var start = 0; start < header.PostedClaims; start += 1_000)
        {
            var keys = Enumerable.Range(start, Math.Min(1_000, header.PostedClaims - start)).Select(i => PaymentKey(remittanceId, i)).ToArray();
            claims.AddRange((await store.GetManyAsync<ClaimPayment>(keys, cancellationToken)).Select(d => d.Value));
        }

        return new Remittance(header.RemittanceId, header.PayerId, header.TraceNumber, header.PaymentDate, header.TotalPaidCents, claims, header.PostedAt ?? header.StartedAt,
            header.ProviderAdjustments);
    }

    /// <summary>Denials newest first, optionally of one category; the page token is a cursor.</summary>
    public Task<Page<Denial>> ListDenialsAsync(DenialCategory category, int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<Denial>(category == DenialCategory.Unspecified ? DenialsIndex : CategoryIndex(category), DenialKey, pageToken, pageSize, descending: true, cancellationToken);

    /// <summary>Provider-level adjustments (PLB) of every remittance, newest first, optionally of one reason (WO, FB, L6 ...).</summary>
    public Task<Page<ProviderAdjustmentEntry>> ProviderAdjustmentsAsync(string reason, int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<ProviderAdjustmentEntry>(
            reason.Trim().Length == 0 ? ProviderAdjustmentsIndex : ProviderAdjustmentsByReasonIndex(reason), ProviderAdjustmentKey, pageToken, pageSize, descending: true, cancellationToken);

    /// <summary>Open denials of one owner, the nearest appeal deadline first.</summary>
    public Task<Page<Denial>> WorklistAsync(string rootCause, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        new Validator().Require(rootCause is DenialClassifier.Coding or DenialClassifier.Billing or DenialClassifier.FrontEnd, "root_cause", "must be coding, billing or front-end").ThrowIfInvalid();
        return store.PageOfAsync<Denial>(WorklistIndex(rootCause), DenialKey, pageToken, pageSize, descending: false, cancellationToken);
    }
}

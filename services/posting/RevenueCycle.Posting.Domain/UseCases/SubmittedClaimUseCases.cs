using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// Keeps the newest submitted version of every claim (from claim-submitted), which the payer's claim payments are
/// matched against. A claim payment that arrived before its claim was known was posted as it came and waits in the
/// unmatched work queue; the claim's arrival matches it now, as if the claim had been known: the payment gets its
/// line item control numbers, lines that still do not match are queued with their reason, paid lines are priced for
/// underpayments, and the waiting item is closed. The claim's document is the meeting point with the chunk that
/// posts such a payment (see <see cref="SubmittedClaim"/>), so the two never miss each other whatever the order.
/// </summary>
public sealed class SubmittedClaimUseCases(IDocumentStore store, TimeProvider clock, PostingTables? tables = null) : IIntegrationEventHandler<ClaimSubmittedIntegrationEvent>
{
    public static string Key(string claimId) => $"claim:{claimId}";

    public Task HandleAsync(ClaimSubmittedIntegrationEvent submitted, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(submitted.Id, async changes =>
        {
            var current = await store.GetAsync<SubmittedClaim>(Key(submitted.ClaimId), cancellationToken);
            if (current is not null && current.Value.VersionNumber > submitted.VersionNumber)
            {
                return;
            }

            var lines = submitted.Lines.Select(l => new SubmittedLine(l.LineItemControlNumber, l.ProcedureCode, l.Modifiers, l.ServiceDate, l.Units, l.ChargeCents,
                l.PlaceOfService.Length > 0 ? l.PlaceOfService : submitted.PlaceOfService)).ToArray();
            var claim = new SubmittedClaim(submitted.ClaimId, submitted.VersionNumber, submitted.PayerId, lines, submitted.Frequency);
            changes.Put(Key(submitted.ClaimId), claim, current?.Version ?? ChangeSet.New);
            await MatchWaitingPaymentsAsync(claim, changes, cancellationToken);
        }, cancellationToken);

    private async Task MatchWaitingPaymentsAsync(SubmittedClaim claim, ChangeSet changes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var prices = tables?.Current.Expected;
        IndexEntry? after = null;
        while (true)
        {
            var waiting = await store.RangeAsync(UnmatchedUseCases.ByClaimIndex(claim.ClaimId), after, 100, cancellationToken: cancellationToken);
            if (waiting.Count == 0)
            {
                return;
            }

            after = waiting[^1];
            foreach (var item in await store.GetManyAsync<UnmatchedPayment>(waiting.Select(w => UnmatchedUseCases.Key(w.Member)).ToArray(), cancellationToken))
            {
                if (item.Value.Reason != UnmatchedUseCases.UnknownClaim || item.Value.ResolvedAt is not null)
                {
                    continue;
                }

                changes.Put(UnmatchedUseCases.Key(item.Value.ItemId), item.Value with { ResolvedAt = now, Resolution = "the claim was submitted after its payment arrived: matched then" }, item.Version)
                    .Unindex(UnmatchedUseCases.Index, item.Value.ItemId)
                    .Unindex(UnmatchedUseCases.ByClaimIndex(claim.ClaimId), item.Value.ItemId);
                var (remittanceId, sequence) = UnmatchedUseCases.PaymentOf(item.Value);
                var paymentKey = RemittanceKeys.PaymentKey(remittanceId, sequence);
                if (await store.GetAsync<ClaimPayment>(paymentKey, cancellationToken) is not { } payment)
                {
                    continue;
                }

                var matched = UnmatchedUseCases.Match(payment.Value, claim, remittanceId, item.Value.PayerId, sequence, changes, now);
                changes.Put(paymentKey, matched, payment.Version);
                if (prices is not null)
                {
                    UnderpaymentUseCases.Check(prices, matched, claim, remittanceId, item.Value.PayerId, sequence, changes, now);
                }
            }
        }
    }
}

using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// Keeps the newest submitted version of every claim (from claim-submitted), which the payer's claim payments are
/// matched against. A claim payment that arrived before its claim was known waits in the unmatched work queue; the
/// claim's arrival clears it from the queue.
/// </summary>
public sealed class SubmittedClaimUseCases(IDocumentStore store, TimeProvider clock) : IIntegrationEventHandler<ClaimSubmittedIntegrationEvent>
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
            changes.Put(Key(submitted.ClaimId), new SubmittedClaim(submitted.ClaimId, submitted.VersionNumber, submitted.PayerId, lines), current?.Version ?? ChangeSet.New);

            // Claim payments that came before the claim was known are no longer unknown.
            var waiting = await store.RangeAsync(UnmatchedUseCases.ByClaimIndex(submitted.ClaimId), null, 100, cancellationToken: cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var item in await store.GetManyAsync<UnmatchedPayment>(waiting.Select(w => UnmatchedUseCases.Key(w.Member)).ToArray(), cancellationToken))
            {
                if (item.Value.Reason == UnmatchedUseCases.UnknownClaim)
                {
                    changes.Put(UnmatchedUseCases.Key(item.Value.ItemId), item.Value with { ResolvedAt = now, Resolution = "the claim was submitted after its payment arrived" }, item.Version)
                        .Unindex(UnmatchedUseCases.Index, item.Value.ItemId)
                        .Unindex(UnmatchedUseCases.ByClaimIndex(submitted.ClaimId), item.Value.ItemId);
                }
            }
        }, cancellationToken);
}

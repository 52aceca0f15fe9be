using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Domain.UseCases;

/// <summary>
/// Patient accounts. claim-submitted opens the charge and links the claim to its account; claim-adjudicated
/// posts the payer's payment and the patient's share. Either may arrive first: an adjudication for a claim not
/// yet linked waits in a pending list and is applied when the link arrives. Each event applies exactly once.
/// </summary>
public sealed class AccountUseCases(IDocumentStore store, TimeProvider clock)
    : IIntegrationEventHandler<ClaimSubmittedIntegrationEvent>, IIntegrationEventHandler<ClaimAdjudicatedIntegrationEvent>
{
    private static string AccountKey(string id) => $"account:{id}";

    private static string LinkKey(string claimId) => $"claim-account:{claimId}";

    private static string PendingKey(string claimId) => $"pending-adjudications:{claimId}";

    public async Task<Versioned<Account>> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(accountId, "account_id").ThrowIfInvalid();
        return await store.GetAsync<Account>(AccountKey(accountId), cancellationToken) ?? throw new NotFoundException("Account", accountId);
    }

    public Task<Versioned<Account>> RecordPatientPaymentAsync(string accountId, string idempotencyKey, long amountCents, string method, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(accountId, "account_id")
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(amountCents is > 0 and <= Money.MaxCents, "amount_cents", "must be greater than zero and at most 1000000000000")
            .Require(method is "cash" or "check" or "card" or "ach", "method", "must be cash, check, card or ach")
            .ThrowIfInvalid();

        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(new { accountId, amountCents, method }), async changes =>
        {
            var current = await GetAsync(accountId, cancellationToken);
            var updated = current.Value.WithPatientPayment(amountCents, clock.GetUtcNow(), $"payment:{method}:{idempotencyKey}");
            changes.Put(AccountKey(accountId), updated, current.Version);
            return new Versioned<Account>(updated, current.Version + 1);
        }, retryOnConflict: true, cancellationToken);
    }

    public Task HandleAsync(ClaimSubmittedIntegrationEvent submitted, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(submitted.Id, async changes =>
        {
            if (string.IsNullOrEmpty(submitted.PatientAccountId))
            {
                return; // no account to post to: recorded as handled so it is not redelivered forever
            }

            var account = await store.GetAsync<Account>(AccountKey(submitted.PatientAccountId), cancellationToken);
            var updated = (account?.Value ?? Account.Open(submitted.PatientAccountId))
                .WithCharge(submitted.ClaimId, submitted.TotalChargeCents, submitted.OccurredAt, submitted.Id);

            var link = await store.GetAsync<string>(LinkKey(submitted.ClaimId), cancellationToken);
            if (link is null)
            {
                changes.Put(LinkKey(submitted.ClaimId), submitted.PatientAccountId, ChangeSet.New);
            }

            var pending = await store.GetAsync<List<ClaimAdjudicatedIntegrationEvent>>(PendingKey(submitted.ClaimId), cancellationToken);
            if (pending is { Value.Count: > 0 })
            {
                updated = pending.Value.Aggregate(updated, Apply);
                changes.Put(PendingKey(submitted.ClaimId), new List<ClaimAdjudicatedIntegrationEvent>(), pending.Version);
            }

            changes.Put(AccountKey(submitted.PatientAccountId), updated, account?.Version ?? ChangeSet.New);
        }, cancellationToken);

    public Task HandleAsync(ClaimAdjudicatedIntegrationEvent adjudicated, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(adjudicated.Id, async changes =>
        {
            var accountId = adjudicated.PatientAccountId ?? (await store.GetAsync<string>(LinkKey(adjudicated.ClaimId), cancellationToken))?.Value;
            if (accountId is null)
            {
                var pending = await store.GetAsync<List<ClaimAdjudicatedIntegrationEvent>>(PendingKey(adjudicated.ClaimId), cancellationToken);
                changes.Put(PendingKey(adjudicated.ClaimId), (pending?.Value ?? []).Append(adjudicated).ToList(), pending?.Version ?? ChangeSet.New);
                return;
            }

            var account = await store.GetAsync<Account>(AccountKey(accountId), cancellationToken);
            var updated = Apply(account?.Value ?? Account.Open(accountId), adjudicated);
            changes.Put(AccountKey(accountId), updated, account?.Version ?? ChangeSet.New);
        }, cancellationToken);

    private static Account Apply(Account account, ClaimAdjudicatedIntegrationEvent e) =>
        account.WithAdjudication(e.ClaimId, e.PaidCents, e.AdjustmentCents, e.PatientResponsibilityCents, e.OccurredAt, e.Id);
}

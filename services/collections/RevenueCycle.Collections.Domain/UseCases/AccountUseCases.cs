using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Domain.Kpis;
using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Domain.UseCases;

/// <summary>
/// Patient accounts. claim-submitted opens the charge and links the claim to its account; claim-adjudicated
/// posts a payer's payment and the patient's share. Either may arrive first, or both at once: an adjudication
/// for a claim not yet linked waits in the claim's link document and is applied when the link arrives. Each
/// event applies exactly once; an older claim version arriving late does not undo a newer charge.
/// </summary>
public sealed class AccountUseCases(IDocumentStore store, TimeProvider clock, KpiProjection? kpis = null)
    : IIntegrationEventHandler<ClaimSubmittedIntegrationEvent>, IIntegrationEventHandler<ClaimAdjudicatedIntegrationEvent>
{
    public static string AccountKey(string id) => $"account:{id}";

    /// <summary>A claim's link to its account (the KPIs read the claim's ledger lines through it).</summary>
    public static string LinkKey(string claimId) => $"claim:{claimId}";

    /// <summary>Every account, scored by its last activity (newest first in lists).</summary>
    public const string AccountsIndex = "accounts";

    /// <summary>Accounts holding a credit (the patient paid more than they owe), largest first: the refund worklist.</summary>
    public const string CreditsIndex = "accounts:credit";

    /// <summary>The accounts a patient's claims are on.</summary>
    public static string PatientAccountsIndex(string patientId) => $"patient:{patientId}:accounts";

    /// <summary>Accounts with the latest activity first; those holding a patient's claims when <paramref name="patientId"/> is given.</summary>
    public Task<Page<Account>> ListAsync(string patientId, int pageSize, string pageToken, CancellationToken cancellationToken, bool creditsOnly = false)
    {
        new Validator().Require(patientId.Length <= 64, "patient_id", "is longer than 64 characters").Require(pageSize is >= 0 and <= 500, "page_size", "must be 0 to 500")
            .Require(!(creditsOnly && patientId.Length > 0), "credits", "lists every account with a credit; leave patient_id empty")
            .ThrowIfInvalid();
        var index = creditsOnly ? CreditsIndex : patientId.Length > 0 ? PatientAccountsIndex(patientId) : AccountsIndex;
        return store.PageOfAsync<Account>(index, AccountKey, pageToken, pageSize, descending: true, cancellationToken);
    }

    /// <summary>Writes the account and keeps the lists it is in (all accounts, each of its patients') in the same commit.</summary>
    internal ChangeSet Put(ChangeSet changes, Account account, long expectedVersion)
    {
        var score = clock.GetUtcNow().ToUnixTimeMilliseconds();
        changes.Put(AccountKey(account.AccountId), account, expectedVersion).Index(AccountsIndex, account.AccountId, score);
        if (account.CreditCents > 0)
        {
            changes.Index(CreditsIndex, account.AccountId, account.CreditCents);
        }
        else
        {
            changes.Unindex(CreditsIndex, account.AccountId);
        }

        foreach (var patient in account.PatientIds)
        {
            changes.Index(PatientAccountsIndex(patient), account.AccountId, score);
        }

        return changes;
    }

    /// <summary>
    /// The accounts of an index (every account, oldest activity first, by default), a page at a time, so a run over many
    /// accounts holds one page in memory.
    /// </summary>
    internal static async IAsyncEnumerable<IReadOnlyList<Versioned<Account>>> PagesAsync(IDocumentStore store,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, string index = AccountsIndex)
    {
        var token = "";
        do
        {
            var (members, next) = await store.PageAsync(index, token, PageToken.MaxPageSize, descending: false, cancellationToken);
            token = next;
            yield return await store.GetManyAsync<Account>(members.Select(AccountKey).ToArray(), cancellationToken);
        }
        while (token.Length > 0);
    }

    public async Task<Versioned<Account>> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(accountId, "account_id").ThrowIfInvalid();
        return await store.GetAsync<Account>(AccountKey(accountId), cancellationToken) ?? throw new NotFoundException("Account", accountId);
    }

    public static readonly string[] PaymentMethods = ["cash", "check", "card", "ach"];

    /// <summary>
    /// Records a patient payment (cash, check, card token or ACH), applied to the claims named first, then oldest
    /// first. An unknown account is a field error (a mistyped id must not swallow the money), unless the caller says to
    /// open it (<paramref name="openAccount"/>: a copay at check-in, before any claim), the money then unapplied. A retry
    /// with the same key records it once.
    /// </summary>
    public Task<Versioned<Account>> RecordPatientPaymentAsync(string accountId, string idempotencyKey, long amountCents, string method, CancellationToken cancellationToken,
        IReadOnlyList<string>? claimIds = null, string reference = "", bool openAccount = false)
    {
        var validator = new Validator()
            .RequireText(accountId, "account_id", 64)
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(Money.IsPositive(amountCents), "amount_cents", Money.PositiveMessage)
            .Require(PaymentMethods.Contains(method), "method", "must be cash, check, card or ach")
            .Require(reference.Length <= 64, "reference", "is longer than 64 characters (a check number or a card or bank token, never the number itself)");
        claimIds ??= [];
        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(new { accountId, amountCents, method, claimIds, reference }), async changes =>
        {
            var current = await store.GetAsync<Account>(AccountKey(accountId), cancellationToken);
            validator.Require(current is not null || openAccount, "account_id",
                "is not an account: nothing has been billed to it (open_account takes money before the first claim, e.g. a copay at check-in)");
            var account = current?.Value ?? Account.Open(accountId);
            for (var i = 0; i < claimIds.Count; i++)
            {
                validator.Require(account.Claims.Any(c => c.ClaimId == claimIds[i]), $"claim_ids[{i}]", "is not a claim on this account");
            }

            validator.ThrowIfInvalid();
            var updated = account.WithPatientPayment(amountCents, clock.GetUtcNow(),
                $"payment:{method}:{idempotencyKey}{(reference.Length > 0 ? ":" + reference : "")}", method, claimIds);
            Put(changes, updated, current?.Version ?? ChangeSet.New);
            return new Versioned<Account>(updated, (current?.Version ?? 0) + 1);
        }, retryOnConflict: true, cancellationToken);
    }

    /// <summary>Refunds part or all of the account's credit balance; more than the credit is a field error and records nothing.</summary>
    public Task<Versioned<Account>> RefundAsync(string accountId, string idempotencyKey, long amountCents, string method, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(accountId, "account_id", 64)
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(Money.IsPositive(amountCents), "amount_cents", Money.PositiveMessage)
            .Require(PaymentMethods.Contains(method), "method", "must be cash, check, card or ach")
            .ThrowIfInvalid();
        return ChangeAsync(accountId, idempotencyKey, new { accountId, amountCents, method, refund = true }, (account, validator) =>
        {
            validator.Require(amountCents <= account.CreditCents, "amount_cents", $"is more than the account's credit balance of {Money.Format(account.CreditCents)}");
            return account.WithRefund(amountCents, clock.GetUtcNow(), $"refund:{method}:{idempotencyKey}", method);
        }, cancellationToken);
    }

    /// <summary>
    /// Puts the account's patient-due balance on a payment plan (one active plan an account); terms that cannot pay the
    /// balance are field errors and nothing is recorded. A retry with the same key returns the plan made.
    /// </summary>
    public Task<Versioned<Account>> CreatePlanAsync(string accountId, string idempotencyKey, long downPaymentCents, long installmentCents, int installmentCount, int dayOfMonth,
        int graceDays, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(accountId, "account_id", 64)
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(graceDays is >= 0 and <= 60, "grace_days", "must be 0 to 60")
            .Require(installmentCents is >= 0 and <= Money.MaxCents, "installment_cents", "must be 0 to 1000000000000")
            .Require(installmentCount is >= 0 and <= PaymentPlan.MaxInstallments, "installment_count", $"must be 0 to {PaymentPlan.MaxInstallments}")
            .ThrowIfInvalid();
        return ChangeAsync(accountId, idempotencyKey, new { accountId, downPaymentCents, installmentCents, installmentCount, dayOfMonth, graceDays }, (account, validator) =>
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (account.Plan is { } existing && existing.StatusOn(today) == PlanStatus.Active)
            {
                throw new PreconditionFailedException($"Account '{accountId}' already has an active payment plan ({existing.PlanId}).");
            }

            var balance = account.PatientBalanceCents;
            var (schedule, problems) = PaymentPlan.Schedule(balance, downPaymentCents, installmentCents, installmentCount, dayOfMonth, today);
            foreach (var (field, problem) in problems)
            {
                validator.Add(field, problem);
            }

            return account with { Plan = new PaymentPlan($"plan-{accountId}-{today:yyyyMMdd}", today, balance, downPaymentCents, schedule, graceDays, 0, PlanStatus.Active) };
        }, cancellationToken);
    }

    /// <summary>Puts an account on hold (no statements, no collection steps) with a reason, or releases it (<paramref name="reason"/> empty).</summary>
    public Task<Versioned<Account>> SetHoldAsync(string accountId, string reason, string note, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(accountId, "account_id", 64)
            .Require(reason.Length == 0 || AccountHold.Reasons.Contains(reason), "reason", $"must be one of {string.Join(", ", AccountHold.Reasons)}, or empty to release the hold")
            .Require(note.Length <= 500, "note", "is longer than 500 characters")
            .ThrowIfInvalid();
        return ChangeAsync(accountId, null, null, (account, _) => account with { Hold = reason.Length == 0 ? null : new AccountHold(reason, note, clock.GetUtcNow()) },
            cancellationToken);
    }

    /// <summary>
    /// Reads an existing account, applies <paramref name="change"/> and writes it with its indexes, retrying on a
    /// concurrent write; field errors the change adds to its validator record nothing. With a key, a retry of the same
    /// request returns the first result.
    /// </summary>
    internal Task<Versioned<Account>> ChangeAsync(string accountId, string? idempotencyKey, object? request, Func<Account, Validator, Account> change,
        CancellationToken cancellationToken) =>
        store.ExecuteAsync(idempotencyKey, request is null ? "" : DocumentStoreExtensions.Fingerprint(request), async changes =>
        {
            var current = await GetAsync(accountId, cancellationToken);
            var validator = new Validator();
            var updated = change(current.Value, validator);
            validator.ThrowIfInvalid();
            Put(changes, updated, current.Version);
            return new Versioned<Account>(updated, current.Version + 1);
        }, retryOnConflict: true, cancellationToken);

    private const string VoidFrequency = "8";

    public Task HandleAsync(ClaimSubmittedIntegrationEvent submitted, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(submitted.Id, async changes =>
        {
            // The KPI facts in the same commit: the event counts once for both, or for neither.
            await (kpis?.StageSubmittedAsync(submitted, changes, cancellationToken) ?? Task.CompletedTask);
            if (string.IsNullOrEmpty(submitted.PatientAccountId))
            {
                return; // no account to post to: recorded as handled so it is not redelivered forever
            }

            var link = await store.GetAsync<ClaimLink>(LinkKey(submitted.ClaimId), cancellationToken);
            var current = link?.Value ?? ClaimLink.For(submitted.ClaimId);
            var accountId = current.AccountId ?? submitted.PatientAccountId;
            var account = await store.GetAsync<Account>(AccountKey(accountId), cancellationToken);
            var updated = account?.Value ?? Account.Open(accountId);
            var primary = submitted.SecondaryOf.Length > 0 ? submitted.SecondaryOf : current.PrimaryClaimId;
            if (primary.Length == 0 && submitted.VersionNumber >= current.LatestVersion)
            {
                // A void (frequency 8) cancels the claim: its charge leaves the account; the payer's reversal takes back what it paid.
                var isVoid = submitted.Frequency == VoidFrequency;
                var lines = isVoid ? [] : submitted.Lines.Select(l => new LineCharge(l.LineItemControlNumber, l.ChargeCents)).ToList();
                updated = updated.WithCharge(submitted.ClaimId, isVoid ? 0 : submitted.TotalChargeCents, lines, submitted.OccurredAt, submitted.Id,
                    submitted.PatientId, submitted.Lines.Select(l => l.ServiceDate).Where(d => d.HasValue).Min(), submitted.SecondaryExpected);
            }

            // A secondary claim bills the primary's services again: no new charge, its answers post to the primary's balance.
            var balanceClaim = primary.Length > 0 ? primary : submitted.ClaimId;
            updated = current.Pending.Aggregate(updated, (a, p) => a.WithAdjudication(balanceClaim, Account.SequenceOf(p.ClaimStatusCode), p.ToAdjudication(), p.At, p.EventId));
            changes.Put(LinkKey(submitted.ClaimId), current with
            {
                AccountId = accountId, LatestVersion = Math.Max(current.LatestVersion, submitted.VersionNumber), Pending = [], PrimaryClaimId = primary,
            }, link?.Version ?? ChangeSet.New);
            Put(changes, updated, account?.Version ?? ChangeSet.New);
        }, cancellationToken);

    public Task HandleAsync(ClaimAdjudicatedIntegrationEvent adjudicated, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(adjudicated.Id, async changes =>
        {
            await (kpis?.StageAdjudicatedAsync(adjudicated, changes, cancellationToken) ?? Task.CompletedTask);
            var link = await store.GetAsync<ClaimLink>(LinkKey(adjudicated.ClaimId), cancellationToken);
            var current = link?.Value ?? ClaimLink.For(adjudicated.ClaimId);
            // A secondary claim's answer waits for its claim-submitted, which names the primary it posts to.
            var accountId = current.AccountId ?? (adjudicated.ClaimStatusCode is "2" or "3" ? null : adjudicated.PatientAccountId);
            if (accountId is null)
            {
                changes.Put(LinkKey(adjudicated.ClaimId), current with { Pending = [.. current.Pending, PendingAdjudication.Of(adjudicated)] }, link?.Version ?? ChangeSet.New);
                return;
            }

            var account = await store.GetAsync<Account>(AccountKey(accountId), cancellationToken);
            var pending = PendingAdjudication.Of(adjudicated);
            var updated = (account?.Value ?? Account.Open(accountId)).WithAdjudication(
                current.BalanceClaimId, Account.SequenceOf(adjudicated.ClaimStatusCode), pending.ToAdjudication(), adjudicated.OccurredAt, adjudicated.Id);
            // The link is written too (even unchanged) so this commit conflicts with a concurrent claim-submitted.
            changes.Put(LinkKey(adjudicated.ClaimId), current with { AccountId = accountId }, link?.Version ?? ChangeSet.New);
            Put(changes, updated, account?.Version ?? ChangeSet.New);
        }, cancellationToken);
}

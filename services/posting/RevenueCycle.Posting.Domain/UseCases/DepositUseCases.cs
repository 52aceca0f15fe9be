using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// EFT reconciliation by trace number: each bank deposit is matched to the remittance whose TRN02 it carries, in
/// either order of arrival. Deposits without a remittance, deposits that differ from the remittance total, and
/// remittances whose money has not been seen are each a list for the cash-posting team.
/// </summary>
public sealed class DepositUseCases(IDocumentStore store, TimeProvider clock)
{
    /// <summary>Posted remittances with money to receive and no deposit yet, by posting time.</summary>
    public const string AwaitingDepositIndex = "remittances:awaiting-deposit";

    public static string Key(string depositId) => $"deposit:{depositId}";

    public static string ByTraceIndex(string trace) => $"deposits-trace:{trace.Trim()}";

    public static string StatusIndex(ReconciliationStatus status) => $"deposits:{status.ToString().ToLowerInvariant()}";

    /// <summary>Records a deposit once per bank reference (a retry returns the first result) and reconciles it.</summary>
    public Task<Deposit> RecordAsync(string bankReference, string traceNumber, string payerId, long amountCents, DateOnly depositDate, CancellationToken cancellationToken)
    {
        new Validator().RequireText(bankReference, "bank_reference", 80).RequireText(traceNumber, "trace_number", 80)
            .Require(amountCents > 0 && BuildingBlocks.Claims.Money.InRange(amountCents), "amount_cents", "must be a positive amount within range").ThrowIfInvalid();
        return store.ExecuteAsync("deposit:" + bankReference.Trim(), DocumentStoreExtensions.Fingerprint(new { traceNumber, payerId, amountCents, depositDate }), async changes =>
        {
            var trace = traceNumber.Trim();
            var remittance = await RemittanceForAsync(trace, payerId.Trim(), cancellationToken);
            var id = "dep_" + Guid.CreateVersion7().ToString("N");
            var status = remittance is null ? ReconciliationStatus.AwaitingRemittance
                : remittance.Value.TotalPaidCents == amountCents ? ReconciliationStatus.Matched : ReconciliationStatus.AmountDiffers;
            var deposit = new Deposit(id, bankReference.Trim(), trace, remittance?.Value.PayerId ?? payerId.Trim(), amountCents, depositDate, clock.GetUtcNow(), status,
                remittance?.Value.RemittanceId ?? "", remittance?.Value.TotalPaidCents ?? 0);
            Save(changes, deposit, ChangeSet.New, previous: null);
            changes.Index(ByTraceIndex(trace), id, deposit.RecordedAt.ToUnixTimeMilliseconds());
            if (remittance is not null)
            {
                changes.Unindex(AwaitingDepositIndex, remittance.Value.RemittanceId);
            }

            return deposit;
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Called in the commit that completes a remittance: a deposit that came first is reconciled now, else the
    /// remittance waits for its money.
    /// </summary>
    public static async Task OnRemittancePostedAsync(IDocumentStore store, RemittanceHeader remittance, ChangeSet changes, CancellationToken cancellationToken)
    {
        var waiting = await store.RangeAsync(ByTraceIndex(remittance.TraceNumber), null, 10, cancellationToken: cancellationToken);
        var deposits = await store.GetManyAsync<Deposit>(waiting.Select(w => Key(w.Member)).ToArray(), cancellationToken);
        var deposit = deposits.FirstOrDefault(d => d.Value.Status == ReconciliationStatus.AwaitingRemittance && (d.Value.PayerId.Length == 0 || d.Value.PayerId == remittance.PayerId));
        if (deposit is null)
        {
            if (remittance.TotalPaidCents > 0)
            {
                changes.Index(AwaitingDepositIndex, remittance.RemittanceId, (remittance.PostedAt ?? remittance.StartedAt).ToUnixTimeMilliseconds());
            }

            return;
        }

        var status = deposit.Value.AmountCents == remittance.TotalPaidCents ? ReconciliationStatus.Matched : ReconciliationStatus.AmountDiffers;
        Save(changes, deposit.Value with { Status = status, RemittanceId = remittance.RemittanceId, PayerId = remittance.PayerId, RemittanceTotalCents = remittance.TotalPaidCents },
            deposit.Version, deposit.Value);
    }

    public Task<Page<Deposit>> ListAsync(ReconciliationStatus status, int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<Deposit>(StatusIndex(status), Key, pageToken, pageSize, descending: true, cancellationToken);

    public Task<Page<RemittanceHeader>> AwaitingDepositAsync(int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<RemittanceHeader>(AwaitingDepositIndex, RemittanceKeys.RemittanceKey, pageToken, pageSize, descending: false, cancellationToken);

    private static void Save(ChangeSet changes, Deposit deposit, long version, Deposit? previous)
    {
        changes.Put(Key(deposit.DepositId), deposit, version);
        if (previous is not null)
        {
            changes.Unindex(StatusIndex(previous.Status), deposit.DepositId);
        }

        changes.Index(StatusIndex(deposit.Status), deposit.DepositId, deposit.RecordedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>The posted remittance with this trace number (and payer, when the bank names one).</summary>
    private async Task<Versioned<RemittanceHeader>?> RemittanceForAsync(string trace, string payerId, CancellationToken cancellationToken)
    {
        var ids = await store.RangeAsync(RemittanceKeys.ByTraceIndex(trace), null, 10, cancellationToken: cancellationToken);
        var headers = await store.GetManyAsync<RemittanceHeader>(ids.Select(i => RemittanceKeys.RemittanceKey(i.Member)).ToArray(), cancellationToken);
        return headers.FirstOrDefault(h => h.Value.State == RemittanceState.Posted && (payerId.Length == 0 || h.Value.PayerId == payerId));
    }
}

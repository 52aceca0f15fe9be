using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// The unmatched work queue: claim payments for claims posting does not know and service lines it could not tie to
/// a submitted line. Matching happens while a chunk is posted (<see cref="Match"/>); the queue is read here.
/// </summary>
public sealed class UnmatchedUseCases(IDocumentStore store)
{
    public const string Index = "unmatched";
    public const string UnknownClaim = "unknown claim: no claim with this patient control number (CLP01) was submitted";
    public const string VoidedClaimPaid = "paid a claim that was voided (frequency 8): not a payment of the claim; the payer owes a reversal, or the money is refunded";

    public static string Key(string itemId) => $"unmatched:{itemId}";

    public static string ByClaimIndex(string claimId) => $"unmatched-claim:{claimId}";

    public Task<Page<UnmatchedPayment>> ListAsync(int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<UnmatchedPayment>(Index, Key, pageToken, pageSize, descending: true, cancellationToken);

    /// <summary>
    /// Ties a claim payment's lines to the submitted claim (null: not known), fills in the line item control numbers
    /// found, and queues what is left unmatched in <paramref name="changes"/>. Returns the payment as it will be posted.
    /// </summary>
    public static ClaimPayment Match(ClaimPayment payment, SubmittedClaim? claim, string remittanceId, string payerId, int sequence, ChangeSet changes, DateTimeOffset now)
    {
        if (claim is not { Known: true })
        {
            Queue(changes, new UnmatchedPayment($"{remittanceId}-{sequence}", remittanceId, payment.EffectiveClaimId, payerId, payment.PayerClaimControlNumber, "", [], null,
                payment.PaidCents, UnknownClaim, now, PaymentKey: RemittanceKeys.PaymentKey(remittanceId, sequence)));
            return payment;
        }

        if (claim.Voided && payment.StatusCode != "22")
        {
            Queue(changes, new UnmatchedPayment($"{remittanceId}-{sequence}", remittanceId, payment.EffectiveClaimId, payerId, payment.PayerClaimControlNumber, "", [], null,
                payment.PaidCents, VoidedClaimPaid, now, PaymentKey: RemittanceKeys.PaymentKey(remittanceId, sequence)));
            return payment;
        }

        var matches = LineMatcher.Match(payment.Lines, claim);
        var lines = new LinePayment[matches.Count];
        for (var i = 0; i < matches.Count; i++)
        {
            var match = matches[i];
            lines[i] = match.Matched ? match.Line with { LineItemControlNumber = match.Submitted!.LineItemControlNumber } : match.Line;
            if (!match.Matched)
            {
                Queue(changes, new UnmatchedPayment($"{remittanceId}-{sequence}-{i + 1}", remittanceId, claim.ClaimId, payerId, payment.PayerClaimControlNumber,
                    match.Line.ProcedureCode, match.Line.Modifiers, match.Line.ServiceDate, match.Line.PaidCents, match.How, now));
            }
        }

        return payment with { Lines = lines };
    }

    /// <summary>The claim payment an unknown-claim item stands for (items from before PaymentKey was kept: from the item id).</summary>
    public static (string RemittanceId, int Sequence) PaymentOf(UnmatchedPayment item)
    {
        var sequence = item.PaymentKey.Length > 0 ? item.PaymentKey[(item.PaymentKey.LastIndexOf(':') + 1)..] : item.ItemId[(item.RemittanceId.Length + 1)..];
        return (item.RemittanceId, int.Parse(sequence, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Queue(ChangeSet changes, UnmatchedPayment item)
    {
        var score = item.DetectedAt.ToUnixTimeMilliseconds();
        changes.Put(Key(item.ItemId), item, ChangeSet.New).Index(Index, item.ItemId, score).Index(ByClaimIndex(item.ClaimId), item.ItemId, score);
    }
}

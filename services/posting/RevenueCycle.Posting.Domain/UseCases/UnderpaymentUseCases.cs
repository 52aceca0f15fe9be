using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// The underpayment worklist, largest shortfall first. Each matched, paid line is priced while its chunk is posted
/// (<see cref="Check"/>): expected allowed against what the payer allowed (AMT*B6, else paid plus the patient's share).
/// Denied lines are denials, not underpayments; reversals are skipped.
/// </summary>
public sealed class UnderpaymentUseCases(IDocumentStore store)
{
    public const string Index = "underpayments";

    public static string Key(string id) => $"underpayment:{id}";

    public Task<Page<Underpayment>> ListAsync(int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<Underpayment>(Index, Key, pageToken, pageSize, descending: true, cancellationToken);

    /// <summary>Queues the underpaid lines of one posted claim payment in <paramref name="changes"/>; returns how many.</summary>
    public static int Check(ExpectedPayments expected, ClaimPayment claim, SubmittedClaim? submitted, string remittanceId, string payerId, int sequence, ChangeSet changes, DateTimeOffset now)
    {
        if (submitted is null || claim.StatusCode == "22")
        {
            return 0;
        }

        // Priced together: multiple-procedure reductions depend on the claim's other lines of the day.
        var lines = claim.Lines.Select((line, index) => (Line: line, Index: index, Source: submitted.Lines.FirstOrDefault(l => l.LineItemControlNumber == line.LineItemControlNumber)))
            .Where(l => l.Source is not null && !(l.Line.PaidCents == 0 && l.Line.Adjustments.Any(DenialClassifier.IsDenialAdjustment)))
            .ToList();
        var prices = expected.ExpectedAllowed(payerId, lines.Select(l => new PricedLine(l.Source!.ProcedureCode, l.Source.Modifiers, l.Line.Units > 0 ? l.Line.Units : l.Source.Units,
            l.Source.PlaceOfService, l.Source.ServiceDate)).ToArray());
        var found = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, index, source) = lines[i];
            if (prices[i] is not { } price)
            {
                continue;
            }

            var allowed = line.AllowedCents > 0 ? line.AllowedCents : line.PaidCents + line.Adjustments.Where(a => a.GroupCode == "PR").Sum(a => a.AmountCents);
            if (!expected.IsUnderpaid(price.Cents, allowed))
            {
                continue;
            }

            var units = line.Units > 0 ? line.Units : source!.Units;
            var item = new Underpayment($"{remittanceId}-{sequence}-{index + 1}", remittanceId, claim.EffectiveClaimId, payerId, claim.PayerClaimControlNumber, line.LineItemControlNumber,
                source!.ProcedureCode, source.Modifiers, units, price.Cents, allowed, price.Cents - allowed, price.Basis, now);
            changes.Put(Key(item.UnderpaymentId), item, ChangeSet.New).Index(Index, item.UnderpaymentId, item.VarianceCents);
            found++;
        }

        return found;
    }
}

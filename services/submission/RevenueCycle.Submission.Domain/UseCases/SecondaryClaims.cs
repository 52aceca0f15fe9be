using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>
/// The claim to the secondary payer, built from the primary's adjudication on its 835: the same services, billed to
/// the secondary coverage, with the primary as the other payer (837 loops 2320/2330: what it paid and adjusted;
/// 2430: each line's SVD, CAS and adjudication date).
/// </summary>
public static class SecondaryClaims
{
    /// <summary>A primary adjudication leaves the patient a share and the claim names a secondary coverage.</summary>
    public static bool Due(Claim claim, ClaimPayment835 payment) =>
        claim.SecondaryPayer is not null && claim.SecondarySubscriber is not null && claim.PriorPayers.Count == 0
        && payment.StatusCode is "1" or "19" && payment.PatientResponsibilityCents > 0;

    /// <summary>The secondary claim's id, derived from the primary's (20 characters, so it is also CLM01): the same every time.</summary>
    public static string IdFor(string primaryClaimId) => "S" + (primaryClaimId.Length > 19 ? primaryClaimId[^19..] : primaryClaimId);

    public static Claim Build(Claim primary, Remittance835 remittance, ClaimPayment835 payment, string claimId)
    {
        var byControlNumber = primary.Lines.ToDictionary(l => l.LineItemControlNumber, StringComparer.Ordinal);
        var lines = payment.Lines.Where(l => byControlNumber.ContainsKey(l.LineItemControlNumber)).Select(l => new OtherPayerLine(
            byControlNumber[l.LineItemControlNumber].LineNumber, l.ProcedureCode, l.Modifiers, l.PaidCents, l.Units, l.Adjustments, remittance.PaymentDate)).ToArray();
        var adjudication = new OtherPayer(primary.Payer!, primary.Subscriber!, payment.PayerClaimControlNumber, payment.PaidCents, payment.Adjustments, remittance.PaymentDate, lines);
        return primary with
        {
            ClaimId = claimId,
            PatientControlNumber = claimId,
            Frequency = ClaimFrequency.Original,
            PayerClaimControlNumber = "",
            Payer = primary.SecondaryPayer,
            Subscriber = primary.SecondarySubscriber,
            SecondaryPayer = null,
            SecondarySubscriber = null,
            OtherPayers = [adjudication],
        };
    }
}

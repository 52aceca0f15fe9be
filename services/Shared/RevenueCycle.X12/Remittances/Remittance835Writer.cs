using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Remittances;

/// <summary>Writes a remittance as the body of an 835 (005010X221A1) transaction: BPR to PLB, between ST and SE.</summary>
public static class Remittance835Writer
{
    public const string Version = "005010X221A1";

    public static List<Segment> Body(Remittance835 remittance)
    {
        var segments = new List<Segment>
        {
            new("BPR", remittance.TotalPaidCents == 0 ? "H" : "I", Amount(remittance.TotalPaidCents), "C", remittance.TotalPaidCents == 0 ? "NON" : remittance.PaymentMethod,
                "", "", "", "", "", "", "", "", "", "", "", Date(remittance.PaymentDate)),
            new("TRN", "1", remittance.TraceNumber, "1" + remittance.PayerId.PadLeft(9, '0')[..9]),
            new("DTM", "405", Date(remittance.PaymentDate)),
            new("N1", "PR", remittance.PayerName),
            new("N3", "PO BOX 1"),
            new("N4", "COLUMBUS", "OH", "432150001"),
            new("REF", "2U", remittance.PayerId),
            new("PER", "BL", "PROVIDER SERVICES", "TE", "8005550199"),
            new("N1", "PE", remittance.PayeeName, "XX", remittance.PayeeNpi),
        };

        if (remittance.Claims.Count > 0)
        {
            segments.Add(new Segment("LX", "1"));
        }

        foreach (var claim in remittance.Claims)
        {
            segments.Add(new Segment("CLP", claim.PatientControlNumber, claim.StatusCode, Amount(claim.ChargeCents), Amount(claim.PaidCents),
                claim.PatientResponsibilityCents == 0 ? "" : Amount(claim.PatientResponsibilityCents), claim.ClaimFilingIndicator.Length > 0 ? claim.ClaimFilingIndicator : "12", claim.PayerClaimControlNumber));
            segments.AddRange(Cas(claim.Adjustments));
            segments.Add(new Segment("NM1", "QC", "1", claim.Patient.Last, claim.Patient.First, claim.Patient.Middle, "", claim.Patient.Suffix, claim.MemberId.Length > 0 ? "MI" : "", claim.MemberId));
            if (claim.RemarkCodes.Count > 0)
            {
                segments.Add(new Segment("MOA", ["", "", .. claim.RemarkCodes.Take(5)]));
            }

            foreach (var line in claim.Lines)
            {
                // SVC01 is the procedure (HC) when one was billed, else the revenue code (NU); SVC04 the revenue code beside a procedure.
                var byRevenueCode = line.ProcedureCode.Length == 0 && line.RevenueCode.Length > 0;
                segments.Add(new Segment("SVC",
                    byRevenueCode ? Segment.Composite(["NU", line.RevenueCode]) : Segment.Composite(["HC", line.ProcedureCode, .. line.Modifiers.Take(4)]),
                    Amount(line.ChargeCents), Amount(line.PaidCents), byRevenueCode ? "" : line.RevenueCode, line.Units.ToString(CultureInfo.InvariantCulture)));
                if (line.ServiceDate is { } date)
                {
                    segments.Add(new Segment("DTM", "472", Date(date)));
                }

                segments.AddRange(Cas(line.Adjustments));
                if (line.LineItemControlNumber.Length > 0)
                {
                    segments.Add(new Segment("REF", "6R", line.LineItemControlNumber));
                }

                if (line.AllowedCents is { } allowed)
                {
                    segments.Add(new Segment("AMT", "B6", Amount(allowed)));
                }

                foreach (var remark in line.RemarkCodes)
                {
                    segments.Add(new Segment("LQ", "HE", remark));
                }
            }
        }

        foreach (var adjustment in remittance.ProviderAdjustments)
        {
            segments.Add(new Segment("PLB", adjustment.ProviderId, Date(adjustment.FiscalPeriodEnd), Segment.Composite(adjustment.ReasonCode, adjustment.Reference), Amount(adjustment.AmountCents)));
        }

        return segments;
    }

    private static IEnumerable<Segment> Cas(IReadOnlyList<PayerAdjustment> adjustments)
    {
        foreach (var group in adjustments.GroupBy(a => a.GroupCode))
        {
            foreach (var chunk in group.Chunk(6))
            {
                var elements = new List<string> { group.Key };
                foreach (var adjustment in chunk)
                {
                    elements.Add(adjustment.ReasonCode);
                    elements.Add(Amount(adjustment.AmountCents));
                    elements.Add(adjustment.Quantity == 0 ? "" : adjustment.Quantity.ToString(CultureInfo.InvariantCulture));
                }

                yield return new Segment("CAS", elements.ToArray());
            }
        }
    }
}

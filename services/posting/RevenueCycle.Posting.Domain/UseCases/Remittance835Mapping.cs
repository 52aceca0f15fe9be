using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>From the X12 library's 835 model to what posting stores. Patient names and member ids stay behind: posting needs neither.</summary>
public static class Remittance835Mapping
{
    /// <summary>The payment and its provider adjustments, without claims (those are streamed).</summary>
    public static Remittance Payment(Remittance835 remittance) =>
        new("", remittance.PayerId, remittance.TraceNumber, remittance.PaymentDate == DateOnly.MinValue ? null : remittance.PaymentDate, remittance.TotalPaidCents, [],
            DateTimeOffset.MinValue, remittance.ProviderAdjustments.Select(p => new ProviderAdjustment(p.ReasonCode, p.Reference, p.AmountCents, p.ProviderId,
                p.FiscalPeriodEnd == DateOnly.MinValue ? null : p.FiscalPeriodEnd)).ToArray());

    public static ClaimPayment Claim(ClaimPayment835 claim) =>
        new(claim.PatientControlNumber, claim.StatusCode, claim.ChargeCents, claim.PaidCents, claim.PatientResponsibilityCents, claim.PayerClaimControlNumber,
            claim.Adjustments.Select(Adjustment).ToArray(),
            claim.Lines.Select(l => new LinePayment(l.LineItemControlNumber, l.ProcedureCode, l.Modifiers, l.ChargeCents, l.PaidCents, l.Units, l.ServiceDate,
                l.Adjustments.Select(Adjustment).ToArray(), l.RemarkCodes, l.AllowedCents ?? 0)).ToArray(),
            claim.RemarkCodes, "", "");

    /// <summary>A quantity out of the model's range is cut to it here; a file import refuses it first, located (<see cref="RemittanceFileUseCases"/>).</summary>
    private static Adjustment Adjustment(PayerAdjustment a) => new(a.GroupCode, a.ReasonCode, a.AmountCents, (uint)Math.Clamp(a.Quantity, 0, uint.MaxValue));
}

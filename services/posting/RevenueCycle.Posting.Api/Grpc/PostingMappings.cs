using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using Model = RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Api.Grpc;

public static class PostingMappings
{
    public static Model.Remittance ToDomain(this Remittance r, Validator v) => new(
        "", r.PayerId, r.TraceNumber, r.PaymentDate.ToDateOnly(v, "remittance.payment_date"), r.TotalPaidCents,
        r.Claims.Select((c, i) => c.ToDomain(v, $"remittance.claims[{i}]")).ToArray(), default,
        r.ProviderAdjustments.Select(p => new Model.ProviderAdjustment(p.ReasonCode, p.Reference, p.AmountCents, p.ProviderId,
            p.FiscalPeriodEnd.ToDateOnly(v, "remittance.provider_adjustments.fiscal_period_end"))).ToArray());

    public static Remittance ToProto(this Model.Remittance r)
    {
        var remittance = new Remittance
        {
            RemittanceId = r.RemittanceId, PayerId = r.PayerId, TraceNumber = r.TraceNumber, PaymentDate = r.PaymentDate.ToProto(),
            TotalPaidCents = r.TotalPaidCents, PostedAt = r.PostedAt.ToProto(),
        };
        remittance.Claims.AddRange(r.Claims.Select(c => c.ToProto()));
        remittance.ProviderAdjustments.AddRange(r.Plb.Select(p => p.ToProto()));
        return remittance;
    }

    public static Underpayment ToProto(this Model.Underpayment u)
    {
        var item = new Underpayment
        {
            UnderpaymentId = u.UnderpaymentId, RemittanceId = u.RemittanceId, ClaimId = u.ClaimId, PayerId = u.PayerId, PayerClaimControlNumber = u.PayerClaimControlNumber,
            LineItemControlNumber = u.LineItemControlNumber, ProcedureCode = u.ProcedureCode, Units = u.Units, ExpectedCents = u.ExpectedCents, AllowedCents = u.AllowedCents,
            VarianceCents = u.VarianceCents, Basis = u.Basis, DetectedAt = u.DetectedAt.ToProto(),
        };
        item.Modifiers.AddRange(u.Modifiers);
        return item;
    }

    public static ProviderAdjustment ToProto(this Model.ProviderAdjustment p) => new()
    {
        ReasonCode = p.ReasonCode, Reference = p.Reference, AmountCents = p.AmountCents, ProviderId = p.ProviderId, FiscalPeriodEnd = p.FiscalPeriodEnd.ToProto(),
    };

    public static ProviderAdjustmentEntry ToProto(this Model.ProviderAdjustmentEntry e) => new()
    {
        EntryId = e.EntryId, RemittanceId = e.RemittanceId, PayerId = e.PayerId, TraceNumber = e.TraceNumber, PaymentDate = e.PaymentDate.ToProto(),
        Adjustment = e.Adjustment.ToProto(), PostedAt = e.PostedAt.ToProto(),
    };

    public static Deposit ToProto(this Model.Deposit d) => new()
    {
        DepositId = d.DepositId, BankReference = d.BankReference, TraceNumber = d.TraceNumber, PayerId = d.PayerId, AmountCents = d.AmountCents,
        DepositDate = d.DepositDate.ToProto(), RecordedAt = d.RecordedAt.ToProto(), Status = (ReconciliationStatus)((int)d.Status + 1),
        RemittanceId = d.RemittanceId, RemittanceTotalCents = d.RemittanceTotalCents,
    };

    public static UnmatchedPayment ToProto(this Model.UnmatchedPayment u)
    {
        var item = new UnmatchedPayment
        {
            ItemId = u.ItemId, RemittanceId = u.RemittanceId, ClaimId = u.ClaimId, PayerId = u.PayerId, PayerClaimControlNumber = u.PayerClaimControlNumber,
            ProcedureCode = u.ProcedureCode, ServiceDate = u.ServiceDate.ToProto(), PaidCents = u.PaidCents, Reason = u.Reason, DetectedAt = u.DetectedAt.ToProto(),
        };
        item.Modifiers.AddRange(u.Modifiers);
        return item;
    }

    public static Denial ToProto(this Model.Denial d)
    {
        var denial = new Denial
        {
            DenialId = d.DenialId, RemittanceId = d.RemittanceId, ClaimId = d.ClaimId, PayerId = d.PayerId,
            PayerClaimControlNumber = d.PayerClaimControlNumber, LineItemControlNumber = d.LineItemControlNumber,
            ProcedureCode = d.ProcedureCode, GroupCode = d.GroupCode, ReasonCode = d.ReasonCode, DeniedCents = d.DeniedCents,
            Category = (DenialCategory)d.Category, RootCause = d.RootCause, ClassificationVersion = d.ClassificationVersion,
            DetectedAt = d.DetectedAt.ToProto(), AppealDeadline = d.AppealDeadline.ToProto(), ClosedAt = d.ClosedAt?.ToProto(), Resolution = d.Resolution,
        };
        denial.Modifiers.AddRange(d.Modifiers);
        denial.RemarkCodes.AddRange(d.RemarkCodes);
        return denial;
    }

    private static Model.ClaimPayment ToDomain(this ClaimPayment c, Validator v, string path) => new(
        c.PatientControlNumber, c.StatusCode, c.ChargeCents, c.PaidCents, c.PatientResponsibilityCents, c.PayerClaimControlNumber,
        c.Adjustments.Select(ToDomain).ToArray(),
        c.Lines.Select((l, i) => new Model.LinePayment(
            l.LineItemControlNumber, l.ProcedureCode, l.Modifiers.ToArray(), l.ChargeCents, l.PaidCents, l.Units,
            l.ServiceDate.ToDateOnly(v, $"{path}.lines[{i}].service_date"), l.Adjustments.Select(ToDomain).ToArray(),
            l.RemarkCodes.ToArray(), l.AllowedCents)).ToArray(),
        c.RemarkCodes.ToArray(), c.ClaimId, c.PatientAccountId);

    private static Model.Adjustment ToDomain(Adjustment a) => new(a.GroupCode.Trim().ToUpperInvariant(), a.ReasonCode.Trim().ToUpperInvariant(), a.AmountCents, a.Quantity);

    private static Adjustment ToProto(Model.Adjustment a) => new() { GroupCode = a.GroupCode, ReasonCode = a.ReasonCode, AmountCents = a.AmountCents, Quantity = a.Quantity };

    private static ClaimPayment ToProto(this Model.ClaimPayment c)
    {
        var claim = new ClaimPayment
        {
            PatientControlNumber = c.PatientControlNumber, StatusCode = c.StatusCode, ChargeCents = c.ChargeCents, PaidCents = c.PaidCents,
            PatientResponsibilityCents = c.PatientResponsibilityCents, PayerClaimControlNumber = c.PayerClaimControlNumber,
            ClaimId = c.ClaimId, PatientAccountId = c.PatientAccountId,
        };
        claim.Adjustments.AddRange(c.Adjustments.Select(ToProto));
        claim.RemarkCodes.AddRange(c.RemarkCodes);
        claim.Lines.AddRange(c.Lines.Select(l =>
        {
            var line = new LinePayment
            {
                LineItemControlNumber = l.LineItemControlNumber, ProcedureCode = l.ProcedureCode, ChargeCents = l.ChargeCents,
                PaidCents = l.PaidCents, Units = l.Units, ServiceDate = l.ServiceDate.ToProto(), AllowedCents = l.AllowedCents,
            };
            line.Modifiers.AddRange(l.Modifiers);
            line.Adjustments.AddRange(l.Adjustments.Select(ToProto));
            line.RemarkCodes.AddRange(l.RemarkCodes);
            return line;
        }));
        return claim;
    }
}

using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Submission.Api.Clients;

/// <summary>Posts an 835 that arrived through the clearinghouse to the posting service (which refuses a remittance it already has).</summary>
public sealed class GrpcRemittancePoster(PostingService.PostingServiceClient client) : IRemittancePoster
{
    public async Task PostAsync(Remittance835 remittance, CancellationToken cancellationToken)
    {
        if (remittance.Claims.Count == 0)
        {
            return;
        }

        var message = new Remittance
        {
            PayerId = remittance.PayerId, TraceNumber = remittance.TraceNumber, PaymentDate = remittance.PaymentDate.ToProto(), TotalPaidCents = remittance.TotalPaidCents,
        };
        message.Claims.AddRange(remittance.Claims.Select(c =>
        {
            var claim = new ClaimPayment
            {
                PatientControlNumber = c.PatientControlNumber, StatusCode = c.StatusCode, ChargeCents = c.ChargeCents, PaidCents = c.PaidCents,
                PatientResponsibilityCents = c.PatientResponsibilityCents, PayerClaimControlNumber = c.PayerClaimControlNumber,
            };
            claim.Adjustments.AddRange(c.Adjustments.Select(Adjustment));
            claim.RemarkCodes.AddRange(c.RemarkCodes);
            claim.Lines.AddRange(c.Lines.Select(l =>
            {
                var line = new LinePayment
                {
                    LineItemControlNumber = l.LineItemControlNumber, ProcedureCode = l.ProcedureCode, ChargeCents = l.ChargeCents, PaidCents = l.PaidCents,
                    Units = l.Units, ServiceDate = l.ServiceDate.ToProto(), AllowedCents = l.AllowedCents ?? 0,
                };
                line.Modifiers.AddRange(l.Modifiers);
                line.Adjustments.AddRange(l.Adjustments.Select(Adjustment));
                line.RemarkCodes.AddRange(l.RemarkCodes);
                return line;
            }));
            return claim;
        }));
        message.ProviderAdjustments.AddRange(remittance.ProviderAdjustments.Select(p => new ProviderAdjustment
        {
            ReasonCode = p.ReasonCode, Reference = p.Reference, AmountCents = p.AmountCents, ProviderId = p.ProviderId,
            FiscalPeriodEnd = p.FiscalPeriodEnd == DateOnly.MinValue ? null : p.FiscalPeriodEnd.ToProto(),
        }));
        await client.PostRemittanceAsync(new PostRemittanceRequest { Remittance = message }, cancellationToken: cancellationToken);
    }

    private static Adjustment Adjustment(BuildingBlocks.Claims.PayerAdjustment a) =>
        new() { GroupCode = a.GroupCode, ReasonCode = a.ReasonCode, AmountCents = a.AmountCents, Quantity = (uint)Math.Max(0, a.Quantity) };
}

using Google.Rpc;
using Grpc.Core;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Submission.Api.Clients;

/// <summary>Posts an 835 that arrived through the clearinghouse to the posting service (which takes one it already has as posted).</summary>
public sealed class GrpcRemittancePoster(PostingService.PostingServiceClient client) : IRemittancePoster
{
    public async Task<IReadOnlyList<string>> PostAsync(Remittance835 remittance, CancellationToken cancellationToken)
    {
        // The contract keeps a CAS quantity in 32 bits, as posting does: a larger one is refused here, not cut short.
        var tooLarge = remittance.Claims.SelectMany((c, i) => c.AllAdjustments.Select(a => (Claim: i + 1, Adjustment: a)))
            .Where(x => x.Adjustment.Quantity > uint.MaxValue)
            .Select(x => $"claim {x.Claim} (CLP), CAS {x.Adjustment.GroupCode} {x.Adjustment.ReasonCode}: quantity {x.Adjustment.Quantity} is more units than posting keeps ({uint.MaxValue})")
            .ToList();
        if (tooLarge.Count > 0)
        {
            return tooLarge;
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
        try
        {
            await client.PostRemittanceAsync(new PostRemittanceRequest { Remittance = message }, cancellationToken: cancellationToken);
            return [];
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            // Posting's field violations, each located in the remittance it was given.
            var violations = e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => $"{v.Field}: {v.Description}").ToList();
            return violations is { Count: > 0 } ? violations : [e.Status.Detail];
        }
    }

    private static Adjustment Adjustment(BuildingBlocks.Claims.PayerAdjustment a) =>
        new() { GroupCode = a.GroupCode, ReasonCode = a.ReasonCode, AmountCents = a.AmountCents, Quantity = (uint)Math.Clamp(a.Quantity, 0, uint.MaxValue) }; // as posting's own 835 import maps it
}

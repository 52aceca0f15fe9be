using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Domain.Rules;

/// <summary>
/// The 835 balancing rules, checked before anything is posted: per claim, charge - paid = sum of CAS (claim and
/// line); per line, charge - paid = sum of its CAS; per remittance, total paid = claim payments - provider (PLB)
/// adjustments. Every
/// imbalance is reported with its location and amounts; a remittance that does not balance posts nothing.
/// </summary>
public static class RemittanceBalancing
{
    public static void Validate(Remittance remittance)
    {
        var v = new Validator()
            .RequireText(remittance.PayerId, "remittance.payer_id", 80)
            .RequireText(remittance.TraceNumber, "remittance.trace_number", 80)
            .Require(remittance.Claims.Count > 0, "remittance.claims", "is empty");

        for (var c = 0; c < remittance.Claims.Count; c++)
        {
            CheckClaim(v, remittance.Claims[c], $"remittance.claims[{c}]");
        }

        CheckTotal(v, remittance.TotalPaidCents, remittance.Claims.Aggregate(Int128.Zero, (sum, c) => sum + c.PaidCents), remittance.Plb, "remittance");
        v.ThrowIfInvalid();
    }

    /// <summary>One claim payment: identifiers, amounts in range, charge - paid = its adjustments (claim and lines), valid groups.</summary>
    public static void CheckClaim(Validator v, ClaimPayment claim, string path)
    {
        v.RequireText(claim.PatientControlNumber, $"{path}.patient_control_number", 38)
            .RequireText(claim.StatusCode, $"{path}.status_code", 2);
        CheckAmounts(v, claim, path);

        var claimAdjusted = claim.AllAdjustments.Aggregate(Int128.Zero, (sum, a) => sum + a.AmountCents);
        if (claim.ChargeCents - claim.PaidCents != claimAdjusted)
        {
            v.Add(path, $"does not balance: charge {claim.ChargeCents} - paid {claim.PaidCents} = {claim.ChargeCents - claim.PaidCents}, adjustments total {claimAdjusted} (cents)");
        }

        for (var l = 0; l < claim.Lines.Count; l++)
        {
            var line = claim.Lines[l];
            var lineAdjusted = line.Adjustments.Aggregate(Int128.Zero, (sum, a) => sum + a.AmountCents);
            if (line.ChargeCents - line.PaidCents != lineAdjusted)
            {
                v.Add($"{path}.lines[{l}]", $"does not balance: charge {line.ChargeCents} - paid {line.PaidCents} = {line.ChargeCents - line.PaidCents}, adjustments total {lineAdjusted} (cents)");
            }

            CheckGroups(v, line.Adjustments, $"{path}.lines[{l}].adjustments");
        }

        CheckGroups(v, claim.Adjustments, $"{path}.adjustments");
    }

    /// <summary>The payment: total paid (BPR02) = the claims' payments - the provider adjustments (PLB), each in range.</summary>
    public static void CheckTotal(Validator v, long totalPaidCents, Int128 claimsPaid, IReadOnlyList<ProviderAdjustment> plb, string path)
    {
        var provider = plb.Aggregate(Int128.Zero, (sum, p) => sum + p.AmountCents);
        for (var p = 0; p < plb.Count; p++)
        {
            v.Require(Money.InRange(plb[p].AmountCents), $"{path}.provider_adjustments[{p}].amount_cents", Money.RangeMessage)
                .RequireText(plb[p].ReasonCode, $"{path}.provider_adjustments[{p}].reason_code", 2);
        }

        if (claimsPaid - provider != totalPaidCents)
        {
            v.Add($"{path}.total_paid_cents", provider == 0
                ? $"is {totalPaidCents} but the claim payments add up to {claimsPaid} (cents)"
                : $"is {totalPaidCents} but the claim payments {claimsPaid} less the provider adjustments {provider} are {claimsPaid - provider} (cents)");
        }
    }

    /// <summary>Every amount within <see cref="Money.MaxCents"/>, so no sum can overflow.</summary>
    private static void CheckAmounts(Validator v, ClaimPayment claim, string path)
    {
        foreach (var (value, field) in new[] { (claim.ChargeCents, "charge_cents"), (claim.PaidCents, "paid_cents"), (claim.PatientResponsibilityCents, "patient_responsibility_cents") })
        {
            v.Require(Money.InRange(value), $"{path}.{field}", Money.RangeMessage);
        }

        for (var i = 0; i < claim.Adjustments.Count; i++)
        {
            v.Require(Money.InRange(claim.Adjustments[i].AmountCents), $"{path}.adjustments[{i}].amount_cents", Money.RangeMessage);
        }

        for (var l = 0; l < claim.Lines.Count; l++)
        {
            var line = claim.Lines[l];
            v.Require(Money.InRange(line.ChargeCents), $"{path}.lines[{l}].charge_cents", Money.RangeMessage)
                .Require(Money.InRange(line.PaidCents), $"{path}.lines[{l}].paid_cents", Money.RangeMessage);
            for (var i = 0; i < line.Adjustments.Count; i++)
            {
                v.Require(Money.InRange(line.Adjustments[i].AmountCents), $"{path}.lines[{l}].adjustments[{i}].amount_cents", Money.RangeMessage);
            }
        }
    }

    private static void CheckGroups(Validator v, IReadOnlyList<Adjustment> adjustments, string path)
    {
        for (var i = 0; i < adjustments.Count; i++)
        {
            if (adjustments[i].GroupCode is not ("CO" or "PR" or "OA" or "PI" or "CR"))
            {
                v.Add($"{path}[{i}].group_code", "must be CO, PR, OA, PI or CR");
            }

            if (string.IsNullOrWhiteSpace(adjustments[i].ReasonCode))
            {
                v.Add($"{path}[{i}].reason_code", "is required");
            }
        }
    }
}

using System.Text.Json.Serialization;
using RevenueCycle.BuildingBlocks.IntegrationEvents;

namespace RevenueCycle.Collections.Domain.Model;

public static class LedgerKinds
{
    public const string Charge = "CHARGE";
    public const string InsurancePayment = "INSURANCE_PAYMENT";
    public const string Adjustment = "ADJUSTMENT";
    public const string PatientResponsibility = "PATIENT_RESPONSIBILITY";
    public const string PatientPayment = "PATIENT_PAYMENT";

    /// <summary>Money given back to the patient out of a credit balance.</summary>
    public const string Refund = "REFUND";

    /// <summary>Patient balance taken off the books (negative), or put back (positive) when reversed or recovered; <see cref="LedgerEntry.Reason"/> is its <see cref="WriteOffCodes">code</see>.</summary>
    public const string WriteOff = "WRITE_OFF";

    /// <summary>What a collection agency keeps of what it collected: the hospital's cost, not the patient's (no effect on a balance).</summary>
    public const string AgencyFee = "AGENCY_FEE";
}

/// <summary>Why a patient balance was written off; each maps to its own general-ledger adjustment code.</summary>
public static class WriteOffCodes
{
    /// <summary>A balance under what a statement is worth sending.</summary>
    public const string SmallBalance = "SMALL_BALANCE";

    /// <summary>A staff decision (a service complaint, a registration error the patient should not pay for).</summary>
    public const string Administrative = "ADMINISTRATIVE";

    /// <summary>Financial assistance under the hospital's policy (charity care).</summary>
    public const string Charity = "CHARITY";

    /// <summary>Uncollectible: written off when the account is placed with a collection agency.</summary>
    public const string BadDebt = "BAD_DEBT";

    /// <summary>Bad debt an agency collected after all, or an account recalled from the agency: the write-off put back.</summary>
    public const string BadDebtRecovery = "BAD_DEBT_RECOVERY";

    /// <summary>A write-off put back because a corrected remittance lowered what the patient owed below it.</summary>
    public const string Reversed = "REVERSED";

    /// <summary>
    /// A payer's denial no correction or appeal will recover (filed after the limit, say): billing takes the claim's open
    /// insurance balance off as an adjustment with this reason, the "final denial write-off" HFMA measures against net
    /// patient service revenue. The patient is never billed for it.
    /// </summary>
    public const string FinalDenial = "FINAL_DENIAL";

    /// <summary>The codes a person may choose; bad debt and recoveries come with agency placement.</summary>
    public static readonly string[] Manual = [SmallBalance, Administrative, Charity, FinalDenial];
}

/// <summary>Why the patient owes a share (835 CAS group PR): deductible (1), coinsurance (2), copay (3), non-covered (49, 50, 96, 204), or anything else.</summary>
public static class ResponsibilityKinds
{
    public const string Deductible = "DEDUCTIBLE";
    public const string Coinsurance = "COINSURANCE";
    public const string Copay = "COPAY";
    public const string NonCovered = "NON_COVERED";
    public const string Other = "OTHER";
}

/// <summary>
/// One immutable ledger line. Positive amounts increase what is owed on the claim, negative reduce it. A
/// PATIENT_RESPONSIBILITY line moves the payer's unpaid share to the patient: a transfer, not a change in the total.
/// A line of a service (its line item control number) can be traced from its charge to zero; claim-level lines (CAS at
/// the claim, a void, an unapplied payment) have none. <see cref="Reason"/> says which kind of patient share, or the
/// payment method.
/// </summary>
public sealed record LedgerEntry(string EntryId, string Kind, string ClaimId, long AmountCents, DateTimeOffset At, string Source,
    string LineItemControlNumber = "", string PayerId = "", string Reason = "")
{
    /// <summary>What the entry does to the balance insurance still owes (charges in, payments, adjustments and transfers to the patient out).</summary>
    [JsonIgnore]
    public long InsuranceEffectCents => Kind switch
    {
        LedgerKinds.Charge or LedgerKinds.InsurancePayment or LedgerKinds.Adjustment => AmountCents,
        LedgerKinds.PatientResponsibility => -AmountCents,
        _ => 0,
    };

    /// <summary>What the entry does to the balance the patient owes (transfers in, patient payments out).</summary>
    [JsonIgnore]
    public long PatientEffectCents => Kind is LedgerKinds.PatientResponsibility or LedgerKinds.PatientPayment or LedgerKinds.Refund or LedgerKinds.WriteOff ? AmountCents : 0;
}

/// <summary>
/// Balances of one claim on a patient account. What the payers have neither paid nor adjusted nor moved to the
/// patient (denials being worked, claims not yet adjudicated) stays in <see cref="InsuranceBalanceCents"/>.
/// </summary>
public sealed record ClaimBalance(
    string ClaimId,
    long ChargeCents,
    long InsurancePaidCents,
    long AdjustmentCents,
    long PatientResponsibilityCents,
    long PatientPaidCents,
    DateTimeOffset? AdjudicatedAt,
    long PendingPatientResponsibilityCents,
    string PatientId = "",
    DateOnly? ServiceDate = null,
    IReadOnlyList<LineCharge>? Lines = null,
    bool SecondaryExpected = false,
    DateTimeOffset? SubmittedAt = null,
    DateOnly? FirstStatementOn = null,
    long PatientWrittenOffCents = 0)
{
    public static ClaimBalance Empty(string claimId) => new(claimId, 0, 0, 0, 0, 0, null, 0);

    [JsonIgnore]
    public long PatientBalanceCents => PatientResponsibilityCents - PatientPaidCents - PatientWrittenOffCents;

    [JsonIgnore]
    public long InsuranceBalanceCents => ChargeCents - InsurancePaidCents - AdjustmentCents - PatientResponsibilityCents - PendingPatientResponsibilityCents;

    /// <summary>
    /// Everything not yet the patient's: what no payer has paid, adjusted or moved to the patient, including a share a
    /// payer reported while another payer has still to answer. A statement never bills it.
    /// </summary>
    [JsonIgnore]
    public long InsurancePendingCents => ChargeCents - InsurancePaidCents - AdjustmentCents - PatientResponsibilityCents;

    [JsonIgnore]
    public IReadOnlyList<LineCharge> LineCharges => Lines ?? [];
}

/// <summary>A service line's charge as last submitted.</summary>
public sealed record LineCharge(string LineItemControlNumber, long ChargeCents);

/// <summary>How a payer processed the claim (835 CLP02), which decides what its patient share means.</summary>
public enum PayerSequence
{
    /// <summary>1 primary, 4 denied, 22 reversal (negative amounts): the share adds to what the patient owes.</summary>
    Final,
    /// <summary>2 secondary, 3 tertiary: this payer's share replaces the earlier payer's (coordination of benefits).</summary>
    Subsequent,
    /// <summary>19, 20, 21: forwarded to another payer, so the share is held until that payer answers.</summary>
    Forwarded,
}

/// <summary>A guarantor account: claim balances, payments not yet applied, and the ledger that explains them.</summary>
/// <remarks>Dunning steps, agency placement, the guarantor's mailing address and financial assistance are in <c>AccountCollection.cs</c>.</remarks>
public sealed partial record Account(string AccountId, IReadOnlyList<ClaimBalance> Claims, long UnappliedCents, IReadOnlyList<LedgerEntry> Ledger, PaymentPlan? Plan = null,
    AccountHold? Hold = null, IReadOnlyList<DunningStep>? Dunning = null, AgencyPlacement? Placement = null, Guarantor? Guarantor = null,
    AssistanceDetermination? Assistance = null)
{
    public static Account Open(string accountId) => new(accountId, [], 0, []);

    /// <summary>What the patient owes now (negative: a credit), net of payments not yet applied.</summary>
    [JsonIgnore]
    public long PatientBalanceCents => Claims.Sum(c => c.PatientBalanceCents) - UnappliedCents;

    /// <summary>What is still with the payers: never on a statement.</summary>
    [JsonIgnore]
    public long InsurancePendingCents => Claims.Sum(c => c.InsurancePendingCents);

    /// <summary>The patients whose encounters the guarantor answers for.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> PatientIds => Claims.Select(c => c.PatientId).Where(p => p.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();

    public static PayerSequence SequenceOf(string claimStatusCode) => claimStatusCode switch
    {
        "2" or "3" => PayerSequence.Subsequent,
        "19" or "20" or "21" => PayerSequence.Forwarded,
        _ => PayerSequence.Final,
    };

    /// <summary>Sets the claim's charge (a replacement version may change it), writing the difference to the ledger.</summary>
    public Account WithCharge(string claimId, long chargeCents, DateTimeOffset at, string source) => WithCharge(claimId, chargeCents, [], at, source);

    /// <summary>
    /// Sets the claim's charge line by line (a replacement version may change them, a void takes them to zero), writing
    /// each line's difference to the ledger; a charge whose lines do not add up to it is written at the claim level.
    /// </summary>
    public Account WithCharge(string claimId, long chargeCents, IReadOnlyList<LineCharge> lines, DateTimeOffset at, string source,
        string patientId = "", DateOnly? serviceDate = null, bool? secondaryExpected = null)
    {
        var claim = Find(claimId) ?? ClaimBalance.Empty(claimId);
        var updated = this;
        var byLine = lines.Count > 0 && lines.Sum(l => l.ChargeCents) == chargeCents;
        if (byLine)
        {
            var before = claim.LineCharges.ToDictionary(l => l.LineItemControlNumber, l => l.ChargeCents, StringComparer.Ordinal);
            var claimLevelBefore = claim.ChargeCents - before.Values.Sum();
            foreach (var line in lines)
            {
                var delta = line.ChargeCents - before.GetValueOrDefault(line.LineItemControlNumber);
                updated = delta == 0 ? updated : updated.Append(LedgerKinds.Charge, claimId, delta, at, source, line.LineItemControlNumber);
            }

            foreach (var gone in before.Where(b => b.Value != 0 && !lines.Any(l => l.LineItemControlNumber == b.Key)))
            {
                updated = updated.Append(LedgerKinds.Charge, claimId, -gone.Value, at, source, gone.Key);
            }

            updated = claimLevelBefore == 0 ? updated : updated.Append(LedgerKinds.Charge, claimId, -claimLevelBefore, at, source);
        }
        else
        {
            var kept = claim.LineCharges.Where(l => l.ChargeCents != 0).ToList();
            foreach (var line in kept)
            {
                updated = updated.Append(LedgerKinds.Charge, claimId, -line.ChargeCents, at, source, line.LineItemControlNumber);
            }

            var delta = chargeCents - (claim.ChargeCents - kept.Sum(l => l.ChargeCents));
            updated = delta == 0 ? updated : updated.Append(LedgerKinds.Charge, claimId, delta, at, source);
        }

        return updated.Replace(claim with
        {
            ChargeCents = chargeCents,
            Lines = byLine ? lines : [],
            PatientId = patientId.Length > 0 ? patientId : claim.PatientId,
            ServiceDate = serviceDate ?? claim.ServiceDate,
            SecondaryExpected = secondaryExpected ?? claim.SecondaryExpected,
            SubmittedAt = claim.SubmittedAt ?? at,
        });
    }

    /// <summary>Marks the claims a statement billed: a claim's first statement date starts its patient aging and dunning.</summary>
    public Account WithStatementOn(IEnumerable<string> claimIds, DateOnly issuedOn)
    {
        var billed = claimIds.ToHashSet(StringComparer.Ordinal);
        return this with { Claims = Claims.Select(c => billed.Contains(c.ClaimId) && c.FirstStatementOn is null ? c with { FirstStatementOn = issuedOn } : c).ToArray() };
    }

    /// <summary>
    /// Posts a payer's adjudication: its payment and adjustments, and its patient share according to the payer
    /// sequence (added, replacing the earlier payer's, or held while forwarded or while the claim's secondary payer has
    /// still to answer). Each service line the payer reported gets its own entries; what the claim-level adjustments
    /// moved is written at the claim level. Then applies any unapplied patient money to the new patient share.
    /// </summary>
    public Account WithAdjudication(string claimId, PayerSequence sequence, long paidCents, long adjustmentCents, long patientShareCents, DateTimeOffset at, string source) =>
        WithAdjudication(claimId, sequence, new Adjudication("", paidCents, adjustmentCents, patientShareCents, 0, 0, 0, []), at, source);

    public Account WithAdjudication(string claimId, PayerSequence sequence, Adjudication adjudication, DateTimeOffset at, string source)
    {
        var claim = Find(claimId) ?? ClaimBalance.Empty(claimId);
        // A primary's patient share is held when the claim names a secondary payer: that payer answers for it first.
        var held = sequence == PayerSequence.Forwarded || (sequence == PayerSequence.Final && claim.SecondaryExpected && adjudication.PatientShareCents > 0 && adjudication.PaidCents >= 0);
        var (responsibility, pending) = held
            ? (claim.PatientResponsibilityCents, adjudication.PatientShareCents)
            : sequence switch
            {
                PayerSequence.Subsequent => (adjudication.PatientShareCents, 0L),
                _ => (claim.PatientResponsibilityCents + claim.PendingPatientResponsibilityCents + adjudication.PatientShareCents, 0L),
            };
        var updated = Replace(claim with
        {
            InsurancePaidCents = claim.InsurancePaidCents + adjudication.PaidCents,
            AdjustmentCents = claim.AdjustmentCents + adjudication.AdjustmentCents,
            PatientResponsibilityCents = responsibility,
            PendingPatientResponsibilityCents = pending,
            AdjudicatedAt = claim.AdjudicatedAt ?? at,
        });

        var payer = adjudication.PayerId;
        var lines = adjudication.Lines;
        foreach (var line in lines)
        {
            updated = updated.Append(LedgerKinds.InsurancePayment, claimId, -line.PaidCents, at, source, line.LineItemControlNumber, payer)
                .Append(LedgerKinds.Adjustment, claimId, -line.AdjustmentCents, at, source, line.LineItemControlNumber, payer);
        }

        updated = updated.Append(LedgerKinds.InsurancePayment, claimId, -(adjudication.PaidCents - lines.Sum(l => l.PaidCents)), at, source, "", payer)
            .Append(LedgerKinds.Adjustment, claimId, -(adjudication.AdjustmentCents - lines.Sum(l => l.AdjustmentCents)), at, source, "", payer);

        var transfer = responsibility - claim.PatientResponsibilityCents;
        if (sequence == PayerSequence.Final && !held && claim.PendingPatientResponsibilityCents == 0 && transfer == adjudication.PatientShareCents)
        {
            // The common case, a payer's own share moving to the patient: by line and by kind.
            foreach (var line in lines)
            {
                updated = updated.Responsibility(claimId, line.LineItemControlNumber, payer, line.DeductibleCents, line.CoinsuranceCents, line.CopayCents, line.NonCoveredCents,
                    line.OtherPatientCents, at, source);
            }

            long Rest(long total, Func<AdjudicatedLine, long> part) => total - lines.Sum(part);
            var other = adjudication.PatientShareCents - adjudication.DeductibleCents - adjudication.CoinsuranceCents - adjudication.CopayCents - adjudication.NonCoveredCents;
            updated = updated.Responsibility(claimId, "", payer, Rest(adjudication.DeductibleCents, l => l.DeductibleCents), Rest(adjudication.CoinsuranceCents, l => l.CoinsuranceCents),
                Rest(adjudication.CopayCents, l => l.CopayCents), Rest(adjudication.NonCoveredCents, l => l.NonCoveredCents), Rest(other, l => l.OtherPatientCents), at, source);
        }
        else
        {
            updated = updated.Append(LedgerKinds.PatientResponsibility, claimId, transfer, at, source, "", payer,
                sequence == PayerSequence.Subsequent ? "after the last payer" : held ? "" : "released from an earlier payer");
        }

        // A patient who paid more than the payer now leaves them (a corrected or late remittance) has the difference back
        // as unapplied money: it goes to another open balance, or to the refund worklist.
        // A write-off the new share no longer needs is put back first: nobody forgives what is not owed.
        var after = updated.Find(claimId)!;
        var excess = after.PatientPaidCents + after.PatientWrittenOffCents - Math.Max(after.PatientResponsibilityCents, 0);
        var putBack = Math.Min(Math.Max(excess, 0), after.PatientWrittenOffCents);
        if (putBack > 0)
        {
            updated = updated.PutBackOn(after, putBack, WriteOffCodes.Reversed, at, source);
            if (updated.Placement is { Status: PlacementStatus.Placed } placed && placed.ClaimIds.Contains(claimId))
            {
                // The agency may collect only what the patient still owes: its placement shrinks with the bad debt put back.
                updated = updated with { Placement = placed with { PlacedCents = Math.Max(placed.RecoveredCents, placed.PlacedCents - putBack) } };
            }

            after = updated.Find(claimId)!;
            excess -= putBack;
        }

        if (excess > 0)
        {
            updated = updated.Replace(after with { PatientPaidCents = after.PatientPaidCents - excess }) with { UnappliedCents = updated.UnappliedCents + excess };
        }

        updated = updated.UnappliedCents > 0 ? updated.Apply(0) : updated;

        // A placed claim's new share (a corrected remittance after a reversal) goes to the agency with the rest.
        var owed = updated.Find(claimId)!.PatientBalanceCents;
        return updated.Placement is { Status: PlacementStatus.Placed } agency && agency.ClaimIds.Contains(claimId) && owed > 0
            ? updated.WithWriteOff(WriteOffCodes.BadDebt, owed, at, source, [claimId]) with { Placement = agency with { PlacedCents = agency.PlacedCents + owed } }
            : updated;
    }

    private Account Responsibility(string claimId, string line, string payer, long deductible, long coinsurance, long copay, long nonCovered, long other, DateTimeOffset at,
        string source) =>
        Append(LedgerKinds.PatientResponsibility, claimId, deductible, at, source, line, payer, ResponsibilityKinds.Deductible)
            .Append(LedgerKinds.PatientResponsibility, claimId, coinsurance, at, source, line, payer, ResponsibilityKinds.Coinsurance)
            .Append(LedgerKinds.PatientResponsibility, claimId, copay, at, source, line, payer, ResponsibilityKinds.Copay)
            .Append(LedgerKinds.PatientResponsibility, claimId, nonCovered, at, source, line, payer, ResponsibilityKinds.NonCovered)
            .Append(LedgerKinds.PatientResponsibility, claimId, other, at, source, line, payer, ResponsibilityKinds.Other);

    /// <summary>
    /// Takes a patient payment and applies it, with any unapplied money, to the claims the patient chose first (in the
    /// order given), then to the oldest patient balances; what is left stays unapplied, a credit.
    /// </summary>
    public Account WithPatientPayment(long amountCents, DateTimeOffset at, string source, string method = "", IReadOnlyList<string>? claimIds = null)
    {
        var start = this;
        if (Placement is { Status: PlacementStatus.Placed, OutstandingCents: > 0 } placed)
        {
            // Paid to the hospital while an agency works the debt: a recovery of the bad debt (no agency fee), so the
            // money pays the placed claims instead of becoming a credit.
            var recovered = Math.Min(amountCents, placed.OutstandingCents);
            start = PutBack(placed, recovered, WriteOffCodes.BadDebtRecovery, at, source) with { Placement = placed with { RecoveredCents = placed.RecoveredCents + recovered } };
            claimIds = [.. claimIds ?? [], .. placed.ClaimIds];
        }

        return (start.Append(LedgerKinds.PatientPayment, "", -amountCents, at, source, reason: method) with
        {
            // A payment counts towards an active plan; the plan is closed when paid in full.
            Plan = Plan is { Status: PlanStatus.Active } plan ? plan with { PaidCents = plan.PaidCents + amountCents, Status = plan.PaidCents + amountCents >= plan.TotalCents ? PlanStatus.Completed : PlanStatus.Active } : Plan,
        }).Apply(amountCents, claimIds ?? []);
    }

    /// <summary>
    /// Writes off up to <paramref name="amountCents"/> of patient balances under <paramref name="code"/>: the claims named
    /// first, then the oldest; never more than is owed (the caller refuses more). One entry a claim.
    /// </summary>
    public Account WithWriteOff(string code, long amountCents, DateTimeOffset at, string source, IReadOnlyList<string>? claimIds = null)
    {
        var left = amountCents;
        var updated = this;
        foreach (var claim in PatientDueOrder(claimIds ?? []))
        {
            var off = Math.Min(left, claim.PatientBalanceCents);
            if (off <= 0)
            {
                continue;
            }

            left -= off;
            updated = updated.Replace(claim with { PatientWrittenOffCents = claim.PatientWrittenOffCents + off })
                .Append(LedgerKinds.WriteOff, claim.ClaimId, -off, at, source, reason: code);
        }

        return updated;
    }

    /// <summary>Writes a denied claim's open insurance balance off as a final denial (an adjustment, never the patient's); the caller refuses more than is open.</summary>
    public Account WithFinalDenialWriteOff(string claimId, long amountCents, DateTimeOffset at, string source)
    {
        var claim = Find(claimId) ?? throw new InvalidOperationException($"Claim '{claimId}' is not on account '{AccountId}'.");
        return Replace(claim with { AdjustmentCents = claim.AdjustmentCents + amountCents })
            .Append(LedgerKinds.Adjustment, claimId, -amountCents, at, source, reason: WriteOffCodes.FinalDenial);
    }

    /// <summary>Gives back part or all of a credit balance (unapplied money); more than the credit is refused by the caller.</summary>
    public Account WithRefund(long amountCents, DateTimeOffset at, string source, string method) =>
        Append(LedgerKinds.Refund, "", amountCents, at, source, reason: method) with { UnappliedCents = UnappliedCents - amountCents };

    /// <summary>
    /// Money the patient has on the account beyond what they owe: the refund worklist's. It is the unapplied money, since
    /// unapplied money is always spent on any open patient balance first.
    /// </summary>
    [JsonIgnore]
    public long CreditCents => UnappliedCents;

    private Account Apply(long newMoney, IReadOnlyList<string>? first = null)
    {
        var available = UnappliedCents + newMoney;
        var claims = Claims.ToList();
        foreach (var claim in PatientDueOrder(first ?? []).Select(c => claims.First(x => x.ClaimId == c.ClaimId)))
        {
            if (available == 0)
            {
                break;
            }

            var applied = Math.Min(available, claim.PatientBalanceCents);
            available -= applied;
            claims[claims.FindIndex(c => c.ClaimId == claim.ClaimId)] = claim with { PatientPaidCents = claim.PatientPaidCents + applied };
        }

        return this with { Claims = claims, UnappliedCents = available };
    }

    /// <summary>Claims with a patient balance: those named first (in the order given), then the oldest visit first (by date of service; a claim known without one by when it was adjudicated).</summary>
    public IEnumerable<ClaimBalance> PatientDueOrder(IReadOnlyList<string> first)
    {
        var chosen = first.Select(id => Claims.FirstOrDefault(c => c.ClaimId == id)).OfType<ClaimBalance>();
        var oldest = Claims.OrderBy(c => c.ServiceDate ?? DateOnly.FromDateTime((c.AdjudicatedAt ?? DateTimeOffset.MaxValue).UtcDateTime))
            .ThenBy(c => c.AdjudicatedAt).ThenBy(c => c.ClaimId, StringComparer.Ordinal);
        return chosen.Concat(oldest).DistinctBy(c => c.ClaimId).Where(c => c.PatientBalanceCents > 0);
    }

    private ClaimBalance? Find(string claimId) => Claims.FirstOrDefault(c => c.ClaimId == claimId);

    private Account Replace(ClaimBalance claim) =>
        this with { Claims = Find(claim.ClaimId) is null ? [.. Claims, claim] : Claims.Select(c => c.ClaimId == claim.ClaimId ? claim : c).ToArray() };

    /// <summary>Writes an entry; a zero amount changes nothing and is not written.</summary>
    private Account Append(string kind, string claimId, long amount, DateTimeOffset at, string source, string line = "", string payer = "", string reason = "") =>
        amount == 0 ? this : this with { Ledger = [.. Ledger, new LedgerEntry($"{AccountId}-{Ledger.Count + 1}", kind, claimId, amount, at, source, line, payer, reason)] };
}

/// <summary>Why an account gets no statement and no collection step for now: a dispute, a financial-assistance application, or another reason a person gave.</summary>
public sealed record AccountHold(string Reason, string Note, DateTimeOffset Since)
{
    public static readonly string[] Reasons = ["DISPUTE", "FINANCIAL_ASSISTANCE", "OTHER"];
}

/// <summary>A payer's answer on a claim as collections posts it: totals, the patient share by kind, and the service lines it reported.</summary>
public sealed record Adjudication(
    string PayerId, long PaidCents, long AdjustmentCents, long PatientShareCents, long DeductibleCents, long CoinsuranceCents, long CopayCents, IReadOnlyList<AdjudicatedLine> Lines,
    long NonCoveredCents = 0);

/// <summary>
/// What collections knows about one claim: the account it belongs to (from claim-submitted), the newest version
/// charged, and adjudications that arrived before the claim was linked. Both event handlers write this one
/// versioned document, so they cannot interleave and strand an adjudication.
/// </summary>
/// A claim to a secondary payer is linked to its primary (<see cref="PrimaryClaimId"/>): its adjudications post to the
/// primary's balance, since it bills the same services.
public sealed record ClaimLink(string ClaimId, string? AccountId, int LatestVersion, IReadOnlyList<PendingAdjudication> Pending, string PrimaryClaimId = "")
{
    public static ClaimLink For(string claimId) => new(claimId, null, 0, []);

    /// <summary>The claim whose balance this claim's money posts to.</summary>
    public string BalanceClaimId => PrimaryClaimId.Length > 0 ? PrimaryClaimId : ClaimId;
}

/// <summary>An adjudication waiting for its claim's account to be known.</summary>
public sealed record PendingAdjudication(string EventId, string ClaimStatusCode, long PaidCents, long AdjustmentCents, long PatientResponsibilityCents, DateTimeOffset At,
    string PayerId = "", long DeductibleCents = 0, long CoinsuranceCents = 0, long CopayCents = 0, IReadOnlyList<AdjudicatedLine>? Lines = null, long NonCoveredCents = 0)
{
    public static PendingAdjudication Of(ClaimAdjudicatedIntegrationEvent e) => new(e.Id, e.ClaimStatusCode, e.PaidCents, e.AdjustmentCents, e.PatientResponsibilityCents, e.OccurredAt,
        e.PayerId, e.DeductibleCents, e.CoinsuranceCents, e.CopayCents, e.Lines, e.NonCoveredCents);

    public Adjudication ToAdjudication() =>
        new(PayerId, PaidCents, AdjustmentCents, PatientResponsibilityCents, DeductibleCents, CoinsuranceCents, CopayCents, Lines ?? [], NonCoveredCents);
}

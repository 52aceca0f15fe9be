namespace RevenueCycle.Collections.Domain.Model;

public static class LedgerKinds
{
    public const string Charge = "CHARGE";
    public const string InsurancePayment = "INSURANCE_PAYMENT";
    public const string Adjustment = "ADJUSTMENT";
    public const string PatientResponsibility = "PATIENT_RESPONSIBILITY";
    public const string PatientPayment = "PATIENT_PAYMENT";
}

/// <summary>
/// One ledger line. Positive amounts increase what is owed on the claim, negative reduce it. A
/// PATIENT_RESPONSIBILITY line moves the payer's unpaid share to the patient: a transfer, not a change in the total.
/// </summary>
public sealed record LedgerEntry(string EntryId, string Kind, string ClaimId, long AmountCents, DateTimeOffset At, string Source);

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
    long PendingPatientResponsibilityCents)
{
    public static ClaimBalance Empty(string claimId) => new(claimId, 0, 0, 0, 0, 0, null, 0);

    public long PatientBalanceCents => PatientResponsibilityCents - PatientPaidCents;

    public long InsuranceBalanceCents => ChargeCents - InsurancePaidCents - AdjustmentCents - PatientResponsibilityCents - PendingPatientResponsibilityCents;
}

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
public sealed record Account(string AccountId, IReadOnlyList<ClaimBalance> Claims, long UnappliedCents, IReadOnlyList<LedgerEntry> Ledger)
{
    public static Account Open(string accountId) => new(accountId, [], 0, []);

    public long PatientBalanceCents => Claims.Sum(c => c.PatientBalanceCents) - UnappliedCents;

    public static PayerSequence SequenceOf(string claimStatusCode) => claimStatusCode switch
    {
        "2" or "3" => PayerSequence.Subsequent,
        "19" or "20" or "21" => PayerSequence.Forwarded,
        _ => PayerSequence.Final,
    };

    /// <summary>Sets the claim's charge (a replacement version may change it), writing the difference to the ledger.</summary>
    public Account WithCharge(string claimId, long chargeCents, DateTimeOffset at, string source)
    {
        var claim = Find(claimId) ?? ClaimBalance.Empty(claimId);
        var delta = chargeCents - claim.ChargeCents;
        var updated = Replace(claim with { ChargeCents = chargeCents });
        return delta == 0 ? updated : updated.Append(LedgerKinds.Charge, claimId, delta, at, source);
    }

    /// <summary>
    /// Posts a payer's adjudication: its payment and adjustments, and its patient share according to the payer
    /// sequence (added, replacing the earlier payer's, or held while forwarded). Then applies any unapplied patient
    /// money to the new patient share.
    /// </summary>
    public Account WithAdjudication(string claimId, PayerSequence sequence, long paidCents, long adjustmentCents, long patientShareCents, DateTimeOffset at, string source)
    {
        var claim = Find(claimId) ?? ClaimBalance.Empty(claimId);
        var (responsibility, pending) = sequence switch
        {
            PayerSequence.Forwarded => (claim.PatientResponsibilityCents, patientShareCents),
            PayerSequence.Subsequent => (patientShareCents, 0L),
            _ => (claim.PatientResponsibilityCents + claim.PendingPatientResponsibilityCents + patientShareCents, 0L),
        };
        var updated = Replace(claim with
        {
            InsurancePaidCents = claim.InsurancePaidCents + paidCents,
            AdjustmentCents = claim.AdjustmentCents + adjustmentCents,
            PatientResponsibilityCents = responsibility,
            PendingPatientResponsibilityCents = pending,
            AdjudicatedAt = claim.AdjudicatedAt ?? at,
        })
            .Append(LedgerKinds.InsurancePayment, claimId, -paidCents, at, source)
            .Append(LedgerKinds.Adjustment, claimId, -adjustmentCents, at, source)
            .Append(LedgerKinds.PatientResponsibility, claimId, responsibility - claim.PatientResponsibilityCents, at, source);
        return updated.UnappliedCents > 0 ? updated.Apply(0) : updated;
    }

    /// <summary>Takes a patient payment and applies it, with any unapplied money, to the oldest patient balances first.</summary>
    public Account WithPatientPayment(long amountCents, DateTimeOffset at, string source) =>
        Append(LedgerKinds.PatientPayment, "", -amountCents, at, source).Apply(amountCents);

    private Account Apply(long newMoney)
    {
        var available = UnappliedCents + newMoney;
        var claims = Claims.ToList();
        foreach (var claim in Claims.Where(c => c.PatientBalanceCents > 0).OrderBy(c => c.AdjudicatedAt).ThenBy(c => c.ClaimId, StringComparer.Ordinal))
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

    private ClaimBalance? Find(string claimId) => Claims.FirstOrDefault(c => c.ClaimId == claimId);

    private Account Replace(ClaimBalance claim) =>
        this with { Claims = Find(claim.ClaimId) is null ? [.. Claims, claim] : Claims.Select(c => c.ClaimId == claim.ClaimId ? claim : c).ToArray() };

    private Account Append(string kind, string claimId, long amount, DateTimeOffset at, string source) =>
        this with { Ledger = [.. Ledger, new LedgerEntry($"{AccountId}-{Ledger.Count + 1}", kind, claimId, amount, at, source)] };
}

/// <summary>
/// What collections knows about one claim: the account it belongs to (from claim-submitted), the newest version
/// charged, and adjudications that arrived before the claim was linked. Both event handlers write this one
/// versioned document, so they cannot interleave and strand an adjudication.
/// </summary>
public sealed record ClaimLink(string ClaimId, string? AccountId, int LatestVersion, IReadOnlyList<PendingAdjudication> Pending)
{
    public static ClaimLink For(string claimId) => new(claimId, null, 0, []);
}

/// <summary>An adjudication waiting for its claim's account to be known.</summary>
public sealed record PendingAdjudication(string EventId, string ClaimStatusCode, long PaidCents, long AdjustmentCents, long PatientResponsibilityCents, DateTimeOffset At);

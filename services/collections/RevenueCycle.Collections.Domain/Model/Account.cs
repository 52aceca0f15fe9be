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

/// <summary>Balances of one claim on a patient account.</summary>
public sealed record ClaimBalance(
    string ClaimId,
    long ChargeCents,
    long InsurancePaidCents,
    long AdjustmentCents,
    long PatientResponsibilityCents,
    long PatientPaidCents,
    DateTimeOffset? AdjudicatedAt)
{
    public long PatientBalanceCents => PatientResponsibilityCents - PatientPaidCents;
}

/// <summary>A guarantor account: claim balances, payments not yet applied, and the ledger that explains them.</summary>
public sealed record Account(string AccountId, IReadOnlyList<ClaimBalance> Claims, long UnappliedCents, IReadOnlyList<LedgerEntry> Ledger)
{
    public static Account Open(string accountId) => new(accountId, [], 0, []);

    public long PatientBalanceCents => Claims.Sum(c => c.PatientBalanceCents) - UnappliedCents;

    /// <summary>Sets the claim's charge (a replacement version may change it), writing the difference to the ledger.</summary>
    public Account WithCharge(string claimId, long chargeCents, DateTimeOffset at, string source)
    {
        var claim = Find(claimId) ?? new ClaimBalance(claimId, 0, 0, 0, 0, 0, null);
        var delta = chargeCents - claim.ChargeCents;
        var updated = Replace(claim with { ChargeCents = chargeCents });
        return delta == 0 ? updated : updated with { Ledger = [.. Ledger, Entry(LedgerKinds.Charge, claimId, delta, at, source)] };
    }

    /// <summary>Posts a payer's adjudication, then applies any unapplied patient money to the new patient share.</summary>
    public Account WithAdjudication(string claimId, long paidCents, long adjustmentCents, long patientShareCents, DateTimeOffset at, string source)
    {
        var claim = Find(claimId) ?? new ClaimBalance(claimId, 0, 0, 0, 0, 0, null);
        var updated = Replace(claim with
        {
            InsurancePaidCents = claim.InsurancePaidCents + paidCents,
            AdjustmentCents = claim.AdjustmentCents + adjustmentCents,
            PatientResponsibilityCents = claim.PatientResponsibilityCents + patientShareCents,
            AdjudicatedAt = claim.AdjudicatedAt ?? at,
        }) with
        {
            Ledger =
            [
                .. Ledger,
                Entry(LedgerKinds.InsurancePayment, claimId, -paidCents, at, source),
                Entry(LedgerKinds.Adjustment, claimId, -adjustmentCents, at, source),
                Entry(LedgerKinds.PatientResponsibility, claimId, patientShareCents, at, source),
            ],
        };
        return updated.UnappliedCents > 0 ? updated.Apply(0, at, source) : updated;
    }

    /// <summary>Takes a patient payment and applies it, with any unapplied money, to the oldest patient balances first.</summary>
    public Account WithPatientPayment(long amountCents, DateTimeOffset at, string source) =>
        (this with { Ledger = [.. Ledger, Entry(LedgerKinds.PatientPayment, "", -amountCents, at, source)] }).Apply(amountCents, at, source);

    private Account Apply(long newMoney, DateTimeOffset at, string source)
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

    private LedgerEntry Entry(string kind, string claimId, long amount, DateTimeOffset at, string source) =>
        new($"{AccountId}-{Ledger.Count + 1}-{kind}", kind, claimId, amount, at, source);
}

using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Domain.Statements;

/// <summary>When a statement goes out: the smallest balance worth a statement, how long the patient has to pay, and the dunning cadence its letters follow.</summary>
public sealed record StatementPolicy(long MinimumCents, int DueDays, DunningPolicy? DunningPolicy = null)
{
    public static readonly StatementPolicy Default = new(500, 30);

    public DunningPolicy Dunning => DunningPolicy ?? Model.DunningPolicy.Default;
}

/// <summary>One date of service on a statement: what was charged, what the payers paid and adjusted, what the patient paid and owes.</summary>
public sealed record StatementLine(DateOnly? ServiceDate, string ClaimId, long ChargeCents, long InsurancePaidCents, long AdjustmentCents, long PatientPaidCents, long DueCents);

/// <summary>
/// A patient statement: only claims every payer has answered for (nothing insurance-pending), itemised by date of
/// service, less payments not yet applied. No diagnosis, procedure or member id: a statement shows what it must.
/// </summary>
/// <see cref="Notice"/> is the dunning letter it carries (STATEMENT_1, STATEMENT_2, FINAL_NOTICE, PRE_COLLECTION).
public sealed record Statement(string StatementId, string AccountId, string RunId, DateOnly IssuedOn, DateOnly DueOn, IReadOnlyList<StatementLine> Lines, long UnappliedCents,
    string Notice = DunningSteps.Statement1)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public long AmountDueCents => Lines.Sum(l => l.DueCents) - UnappliedCents;

    /// <summary>
    /// The statement an account gets today, or null and why not: a payment plan in good standing (a defaulted one
    /// resumes statements), nothing the patient owes on a claim no payer still has, or less than the policy's minimum.
    /// </summary>
    public static (Statement? Statement, string Reason) For(Account account, string runId, DateOnly today, StatementPolicy policy)
    {
        if (account.Hold is { } hold)
        {
            return (null, $"on hold: {hold.Reason.ToLowerInvariant().Replace('_', ' ')}");
        }

        if (account.Plan?.StatusOn(today) == PlanStatus.Active)
        {
            return (null, "a payment plan in good standing");
        }

        var lines = account.Claims
            .Where(c => c.InsurancePendingCents == 0 && c.PatientBalanceCents > 0)
            .OrderBy(c => c.ServiceDate).ThenBy(c => c.ClaimId, StringComparer.Ordinal)
            .Select(c => new StatementLine(c.ServiceDate, c.ClaimId, c.ChargeCents, c.InsurancePaidCents, c.AdjustmentCents, c.PatientPaidCents, c.PatientBalanceCents))
            .ToList();
        if (lines.Count == 0)
        {
            return (null, account.Claims.Any(c => c.InsurancePendingCents > 0) ? "a payer has still to answer" : "nothing is owed by the patient");
        }

        var (letter, notDue) = policy.Dunning.LetterDue(account, today);
        if (letter is null)
        {
            return (null, notDue);
        }

        var statement = new Statement(Id(account.AccountId, today), account.AccountId, runId, today, today.AddDays(policy.DueDays), lines, account.UnappliedCents, letter);
        return statement.AmountDueCents < policy.MinimumCents
            ? (null, $"the amount due is under the minimum of {BuildingBlocks.Claims.Money.Format(policy.MinimumCents)}")
            : (statement, "");
    }

    /// <summary>One statement per account per day: a run repeated the same day finds the one it issued.</summary>
    public static string Id(string accountId, DateOnly day) => $"st-{accountId}-{day:yyyyMMdd}";
}

/// <summary>A statement run: when, which statements it issued, and how many accounts it passed over and why.</summary>
public sealed record StatementRun(string RunId, DateTimeOffset At, IReadOnlyList<string> StatementIds, long TotalDueCents, IReadOnlyDictionary<string, int> Skipped);

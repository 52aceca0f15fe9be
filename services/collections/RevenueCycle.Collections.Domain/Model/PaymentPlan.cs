namespace RevenueCycle.Collections.Domain.Model;

/// <summary>One installment of a plan: when it is due and how much.</summary>
public sealed record Installment(DateOnly DueOn, long AmountCents);

public enum PlanStatus
{
    Active,
    /// <summary>An installment was missed beyond the grace period: the plan ends and dunning resumes.</summary>
    Defaulted,
    Completed,
}

/// <summary>
/// A payment plan on an account's patient-due balance: an optional down payment, then monthly installments on a day of
/// the month, the last absorbing the rounding so the schedule adds up to the balance exactly. Patient payments made
/// after it starts count towards it; it is in good standing while what has fallen due (past the grace days) is paid.
/// </summary>
public sealed record PaymentPlan(string PlanId, DateOnly StartedOn, long TotalCents, long DownPaymentCents, IReadOnlyList<Installment> Installments, int GraceDays,
    long PaidCents, PlanStatus Status)
{
    public const int MaxInstallments = 120;

    /// <summary>What should have been paid by <paramref name="day"/>, grace allowed: the down payment (due the day the plan starts) and every installment due before day - grace.</summary>
    public long DueBy(DateOnly day) =>
        (StartedOn.AddDays(GraceDays) < day ? DownPaymentCents : 0) + Installments.Where(i => i.DueOn.AddDays(GraceDays) < day).Sum(i => i.AmountCents);

    /// <summary>The plan's status as of <paramref name="day"/>: completed when paid in full, defaulted when behind past the grace days.</summary>
    public PlanStatus StatusOn(DateOnly day) => Status != PlanStatus.Active ? Status
        : PaidCents >= TotalCents ? PlanStatus.Completed
        : PaidCents < DueBy(day) ? PlanStatus.Defaulted
        : PlanStatus.Active;

    /// <summary>
    /// The plan carrying <paramref name="addedCents"/> more (a new visit's balance): spread over the installments not yet
    /// due, the last absorbing the rounding, or one more installment a month after the last when none is left.
    /// </summary>
    public PaymentPlan WithAdded(long addedCents, DateOnly today)
    {
        var open = Installments.Where(i => i.DueOn > today).ToList();
        if (open.Count == 0)
        {
            var last = Installments.Count > 0 ? Installments[^1].DueOn : StartedOn;
            var from = last > today ? last : today;
            var month = new DateOnly(from.Year, from.Month, 1).AddMonths(1);
            open = [new Installment(new DateOnly(month.Year, month.Month, Math.Min(last.Day, DateTime.DaysInMonth(month.Year, month.Month))), 0)];
        }

        return Respread(addedCents, today, open);
    }

    /// <summary>
    /// The plan carrying <paramref name="cents"/> less (a write-off or financial assistance on the balance it pays): taken
    /// off the installments not yet due, evenly, the last absorbing the rounding; never more than they hold.
    /// </summary>
    public PaymentPlan WithReduced(long cents, DateOnly today)
    {
        var open = Installments.Where(i => i.DueOn > today).ToList();
        var cut = Math.Min(cents, open.Sum(i => i.AmountCents));
        return cut <= 0 ? this : Respread(-cut, today, open);
    }

    /// <summary>The installments due by <paramref name="today"/> kept, <paramref name="open"/> carrying <paramref name="deltaCents"/> more, evenly, the last absorbing the rounding; an emptied one is dropped.</summary>
    private PaymentPlan Respread(long deltaCents, DateOnly today, IReadOnlyList<Installment> open)
    {
        var total = open.Sum(i => i.AmountCents) + deltaCents;
        var each = total / open.Count;
        var spread = open.Select((i, k) => i with { AmountCents = k < open.Count - 1 ? each : total - each * (open.Count - 1) }).Where(i => i.AmountCents > 0);
        return this with { TotalCents = TotalCents + deltaCents, Installments = [.. Installments.Where(i => i.DueOn <= today), .. spread] };
    }

    /// <summary>
    /// The schedule for <paramref name="balanceCents"/>: after the down payment, <paramref name="installmentCents"/> a
    /// month or the rest split in <paramref name="count"/> installments (the last one takes the rounding), due on
    /// <paramref name="dayOfMonth"/> (the month's last day when shorter) from the month after <paramref name="start"/>.
    /// Returns the violations instead when the terms cannot pay the balance.
    /// </summary>
    public static (IReadOnlyList<Installment> Schedule, IReadOnlyList<(string Field, string Problem)> Problems) Schedule(
        long balanceCents, long downPaymentCents, long installmentCents, int count, int dayOfMonth, DateOnly start)
    {
        var problems = new List<(string, string)>();
        var rest = balanceCents - downPaymentCents;
        if (balanceCents <= 0)
        {
            problems.Add(("account_id", "has no patient balance to put on a plan"));
        }

        if (downPaymentCents < 0 || downPaymentCents > balanceCents)
        {
            problems.Add(("down_payment_cents", "must be between 0 and the balance"));
        }

        if (dayOfMonth is < 1 or > 31)
        {
            problems.Add(("day_of_month", "must be 1 to 31"));
        }

        if ((installmentCents > 0) == (count > 0))
        {
            problems.Add(("installment_cents", "give either installment_cents or installment_count, not both or neither"));
        }
        else if (count > MaxInstallments || (installmentCents > 0 && rest > installmentCents * MaxInstallments))
        {
            problems.Add((count > 0 ? "installment_count" : "installment_cents", $"the plan would need more than {MaxInstallments} installments"));
        }

        if (problems.Count > 0 || rest <= 0)
        {
            return ([], problems);
        }

        var n = count > 0 ? count : (int)((rest + installmentCents - 1) / installmentCents);
        var each = count > 0 ? rest / n : installmentCents;
        if (each <= 0)
        {
            return ([], [("installment_count", "leaves installments of less than a cent")]);
        }

        var schedule = Enumerable.Range(1, n).Select(k =>
        {
            var month = new DateOnly(start.Year, start.Month, 1).AddMonths(k);
            return new Installment(new DateOnly(month.Year, month.Month, Math.Min(dayOfMonth, DateTime.DaysInMonth(month.Year, month.Month))), k < n ? each : rest - each * (n - 1));
        }).ToList();
        return (schedule, []);
    }
}

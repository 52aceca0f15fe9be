using System.Text.Json.Serialization;
using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Collections.Domain.Model;

/// <summary>The letters and actions of the dunning cadence, in order.</summary>
public static class DunningSteps
{
    public const string Statement1 = "STATEMENT_1";
    public const string Statement2 = "STATEMENT_2";
    public const string FinalNotice = "FINAL_NOTICE";

    /// <summary>The pre-collection letter: under 501(r) also the written notice, 30 days ahead, of the extraordinary collection actions that may follow.</summary>
    public const string PreCollection = "PRE_COLLECTION";

    public const string AgencyPlacement = "AGENCY_PLACEMENT";
    public const string AgencyRecall = "AGENCY_RECALL";

    public static readonly string[] Letters = [Statement1, Statement2, FinalNotice, PreCollection];
}

/// <summary>
/// A dunning step taken on the account: a letter (with the statement that carried it) or an agency action.
/// <see cref="Mailed"/>: the account had a mailing address when the letter was issued, so it went to the mail house; a
/// letter that could not be mailed is no written notice.
/// </summary>
public sealed record DunningStep(string Step, DateOnly On, string Reference, bool Mailed = false);

/// <summary>One step of the cadence and the day, counted from the first statement of the oldest unpaid balance, it falls due.</summary>
public sealed record DunningRule(string Step, int Day);

/// <summary>
/// The dunning cadence and, for a non-profit hospital, IRS 501(r) (26 CFR 1.501(r)-6): no extraordinary collection action
/// (agency placement, credit reporting) before the notification period (120 days from the first post-discharge
/// statement) has ended and a written notice was sent at least 30 days before. Counted claim by claim, since the rule
/// runs per episode of care.
/// </summary>
public sealed record DunningPolicy(IReadOnlyList<DunningRule> Cadence, bool Irs501r, int NotificationPeriodDays, int NoticeDays)
{
    public static readonly DunningPolicy Default = new(
        [new(DunningSteps.Statement1, 0), new(DunningSteps.Statement2, 30), new(DunningSteps.FinalNotice, 60), new(DunningSteps.PreCollection, 90),
            new(DunningSteps.AgencyPlacement, 120)],
        Irs501r: true, NotificationPeriodDays: 120, NoticeDays: 30);

    /// <summary>Field problems of a configured cadence: steps in order, days increasing.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var order = Cadence.Select(r => Array.IndexOf([.. DunningSteps.Letters, DunningSteps.AgencyPlacement], r.Step)).ToList();
        if (Cadence.Count == 0 || Cadence[0].Step != DunningSteps.Statement1 || Cadence[0].Day != 0)
        {
            problems.Add("the cadence must start with STATEMENT_1 on day 0");
        }

        if (order.Any(i => i < 0) || order.Zip(order.Skip(1)).Any(p => p.First >= p.Second) || Cadence.Zip(Cadence.Skip(1)).Any(p => p.First.Day >= p.Second.Day))
        {
            problems.Add($"steps must be among {string.Join(", ", DunningSteps.Letters)}, {DunningSteps.AgencyPlacement}, in that order, on increasing days");
        }

        if (NotificationPeriodDays is < 0 or > 365 || NoticeDays is < 0 or > 365)
        {
            problems.Add("the notification period and the notice days must be 0 to 365");
        }
        else if (Irs501r && (NotificationPeriodDays < 120 || NoticeDays < 30))
        {
            problems.Add("IRS 501(r) needs a notification period of at least 120 days and a notice at least 30 days ahead");
        }

        return problems;
    }

    /// <summary>
    /// The letter an account's next statement carries today, or null and when the next one falls due. A visit never
    /// billed gets its statement whenever it comes, under the letter the account has reached.
    /// </summary>
    public (string? Letter, string Reason) LetterDue(Account account, DateOnly today)
    {
        if (account.DunningAnchor is not { } anchor)
        {
            return (DunningSteps.Statement1, "");
        }

        var letters = Cadence.Where(r => DunningSteps.Letters.Contains(r.Step)).ToList();
        var due = letters.Last(r => r.Day <= today.DayNumber - anchor.DayNumber);
        var sent = account.StepsSince(anchor).Any(s => s.Step == due.Step);
        if (!sent || account.Claims.Any(c => c.PatientBalanceCents > 0 && c.InsurancePendingCents == 0 && c.FirstStatementOn is null))
        {
            return (due.Step, "");
        }

        // A reason the run can count accounts by: no date in it.
        return (null, NextLetterOn(account) is null ? "every letter of the cadence has been sent" : "the next dunning letter is not yet due");
    }

    /// <summary>The next letter of the cadence and the day it falls due, or null when every letter has gone.</summary>
    public (string Step, DateOnly On)? NextLetterOn(Account account)
    {
        if (account.DunningAnchor is not { } anchor)
        {
            return null;
        }

        var sent = account.StepsSince(anchor).Select(s => s.Step).ToHashSet(StringComparer.Ordinal);
        var reached = Cadence.Where(r => sent.Contains(r.Step)).Select(r => r.Day).DefaultIfEmpty(-1).Max();
        var next = Cadence.FirstOrDefault(r => DunningSteps.Letters.Contains(r.Step) && r.Day > reached);
        return next is null ? null : (next.Step, anchor.AddDays(next.Day));
    }

    /// <summary>
    /// The claims that may be placed with an agency today, or why none may: the cadence's placement day reached and,
    /// under 501(r), the notification period over and the pre-collection notice sent at least <see cref="NoticeDays"/>
    /// days ago, for each claim; nothing while the account is on hold, on a plan in good standing, or already placed.
    /// </summary>
    public (IReadOnlyList<string> ClaimIds, IReadOnlyList<PlacementRefusal> Refusals) Placeable(Account account, DateOnly today)
    {
        if (account.Placement is { Status: PlacementStatus.Placed } placed)
        {
            return ([], [new("already placed with agency", $" {placed.AgencyId} on {placed.PlacedOn:yyyy-MM-dd}; recall it first")]);
        }

        if (account.Hold is { } hold)
        {
            return ([], [hold.Reason == "FINANCIAL_ASSISTANCE" && Irs501r
                ? new("IRS 501(r): a financial-assistance application is pending; no extraordinary collection action until it is decided")
                : new("the account is on hold", $" ({hold.Reason.ToLowerInvariant().Replace('_', ' ')})")]);
        }

        if (account.Plan?.StatusOn(today) == PlanStatus.Active)
        {
            return ([], [new("a payment plan is in good standing")]);
        }

        var claims = account.Claims.Where(c => c.PatientBalanceCents > 0).OrderBy(c => c.FirstStatementOn ?? DateOnly.MaxValue).ToList();
        if (claims.Count == 0)
        {
            return ([], [new("the account has no patient balance to place")]);
        }

        var placeDay = Cadence.FirstOrDefault(r => r.Step == DunningSteps.AgencyPlacement)?.Day ?? int.MaxValue;
        var refusals = claims.Select(c => Refusal(account, c, today, placeDay) is { } why ? why with { ClaimId = c.ClaimId } : null).ToList();
        return (claims.Where((_, i) => refusals[i] is null).Select(c => c.ClaimId).ToList(), refusals.OfType<PlacementRefusal>().ToList());
    }

    private PlacementRefusal? Refusal(Account account, ClaimBalance claim, DateOnly today, int placeDay)
    {
        if (claim.FirstStatementOn is not { } first)
        {
            return new("no statement has billed it yet");
        }

        if (placeDay == int.MaxValue)
        {
            return new("the cadence has no agency placement step");
        }

        if (Irs501r && today.DayNumber - first.DayNumber < NotificationPeriodDays)
        {
            return new($"IRS 501(r): no extraordinary collection action before the {NotificationPeriodDays}-day notification period ends",
                $" on {first.AddDays(NotificationPeriodDays):yyyy-MM-dd} (first statement {first:yyyy-MM-dd})");
        }

        if (today.DayNumber - first.DayNumber < placeDay)
        {
            return new($"the cadence places on day {placeDay} after the first statement", $", {first.AddDays(placeDay):yyyy-MM-dd}");
        }

        var notice = account.StepsSince(first).LastOrDefault(s => s.Step == DunningSteps.PreCollection && s.Mailed);
        if (notice is null)
        {
            var unmailed = account.StepsSince(first).Any(s => s.Step == DunningSteps.PreCollection);
            var what = unmailed ? "was issued but could not be mailed: the account has no mailing address" : "has not been sent";
            return new(Irs501r
                ? $"IRS 501(r): the written notice of extraordinary collection actions (the {DunningSteps.PreCollection} letter) {what}"
                : $"the {DunningSteps.PreCollection} letter {what}");
        }

        return Irs501r && today.DayNumber - notice.On.DayNumber < NoticeDays
            ? new("IRS 501(r): the notice of extraordinary collection actions was sent", $" on {notice.On:yyyy-MM-dd}; placement is allowed from {notice.On.AddDays(NoticeDays):yyyy-MM-dd}")
            : null;
    }
}

/// <summary>Why a claim (or the account, <see cref="ClaimId"/> empty) may not go to an agency yet: the rule, then the dates that apply here.</summary>
public sealed record PlacementRefusal(string Rule, string Detail = "", string ClaimId = "")
{
    public override string ToString() => (ClaimId.Length > 0 ? $"claim {ClaimId}: " : "") + Rule + Detail;
}

public enum PlacementStatus
{
    Placed,
    Recalled,
}

/// <summary>
/// The account's claims with a collection agency: what was placed (written off to bad debt at placement), what the
/// agency has collected (bad-debt recovery) and kept as its fee.
/// </summary>
public sealed record AgencyPlacement(string AgencyId, DateOnly PlacedOn, IReadOnlyList<string> ClaimIds, long PlacedCents, long RecoveredCents, long FeeCents,
    PlacementStatus Status, DateOnly? RecalledOn = null)
{
    /// <summary>What the agency is still working.</summary>
    [JsonIgnore]
    public long OutstandingCents => Status == PlacementStatus.Placed ? PlacedCents - RecoveredCents : 0;
}

/// <summary>Where statements and letters are mailed. Held on the account only: never in an event or a log.</summary>
public sealed record Guarantor(string Name, Address Address);

/// <summary>A financial-assistance decision: the household against the poverty guideline, and the discount it earned.</summary>
public sealed record AssistanceDetermination(DateOnly DecidedOn, int HouseholdSize, long AnnualIncomeCents, int GuidelineYear, int PercentOfPoverty, int DiscountPercent,
    DateOnly ValidThrough, long WrittenOffCents);

public sealed partial record Account
{
    /// <summary>The first statement of the oldest balance the patient still owes: the day dunning counts from.</summary>
    [JsonIgnore]
    public DateOnly? DunningAnchor => Claims.Where(c => c.PatientBalanceCents > 0 && c.FirstStatementOn is not null).Min(c => c.FirstStatementOn);

    [JsonIgnore]
    public IReadOnlyList<DunningStep> DunningHistory => Dunning ?? [];

    /// <summary>The steps taken on or after <paramref name="day"/>, oldest first.</summary>
    public IEnumerable<DunningStep> StepsSince(DateOnly day) => DunningHistory.Where(s => s.On >= day);

    public Account WithStep(string step, DateOnly on, string reference, bool mailed = false) => this with { Dunning = [.. DunningHistory, new DunningStep(step, on, reference, mailed)] };

    /// <summary>
    /// Places the named claims with an agency: their patient balances are written off to bad debt (the agency's
    /// collections come back as recoveries) and the placement is recorded as a dunning step.
    /// </summary>
    public Account WithPlacement(string agencyId, IReadOnlyList<string> claimIds, DateOnly today, DateTimeOffset at, string source)
    {
        var claims = Claims.Where(c => claimIds.Contains(c.ClaimId) && c.PatientBalanceCents > 0).ToList();
        var updated = claims.Aggregate(this, (a, c) => a.WithWriteOff(WriteOffCodes.BadDebt, c.PatientBalanceCents, at, source, [c.ClaimId]));
        var placed = claims.Sum(c => c.PatientBalanceCents);
        return updated.WithStep(DunningSteps.AgencyPlacement, today, agencyId) with
        {
            Placement = new AgencyPlacement(agencyId, today, claims.Select(c => c.ClaimId).ToList(), placed, 0, 0, PlacementStatus.Placed),
        };
    }

    /// <summary>
    /// Posts money the agency collected: the bad debt it recovers is put back on the placed claims and paid off by the
    /// patient's money in the same step (the balance stays zero); the agency's fee is recorded apart, the hospital's cost.
    /// </summary>
    public Account WithAgencyPayment(long amountCents, long feeCents, DateTimeOffset at, string source)
    {
        var placement = Placement!;
        var updated = PutBack(placement, amountCents, WriteOffCodes.BadDebtRecovery, at, source);
        updated = updated.Append(LedgerKinds.PatientPayment, "", -amountCents, at, source, reason: "agency").Apply(amountCents, placement.ClaimIds);
        return updated.Append(LedgerKinds.AgencyFee, "", feeCents, at, source, reason: placement.AgencyId) with
        {
            Placement = placement with { RecoveredCents = placement.RecoveredCents + amountCents, FeeCents = placement.FeeCents + feeCents },
        };
    }

    /// <summary>
    /// Financial assistance on the claims' patient shares: each claim's charity becomes <paramref name="discountPercent"/>
    /// of its share (a later decision tops up to its own percent, it does not stack); what the patient already paid beyond
    /// the discounted share is freed (unapplied: applied to other balances or refunded).
    /// </summary>
    public Account WithCharity(int discountPercent, DateTimeOffset at, string source)
    {
        var updated = this;
        foreach (var claimId in Claims.Where(c => c.PatientResponsibilityCents > 0).Select(c => c.ClaimId))
        {
            var claim = updated.Find(claimId)!;
            var already = -Ledger.Where(e => e.Kind == LedgerKinds.WriteOff && e.ClaimId == claimId && e.Reason == WriteOffCodes.Charity).Sum(e => e.AmountCents);
            var target = claim.PatientResponsibilityCents * discountPercent / 100 - already;
            var open = Math.Max(claim.PatientBalanceCents, 0);
            var fromPaid = Math.Min(Math.Max(target - open, 0), claim.PatientPaidCents);
            var off = Math.Min(target, open + fromPaid);
            if (off <= 0)
            {
                continue;
            }

            updated = updated.Replace(claim with { PatientPaidCents = claim.PatientPaidCents - fromPaid, PatientWrittenOffCents = claim.PatientWrittenOffCents + off })
                .Append(LedgerKinds.WriteOff, claimId, -off, at, source, reason: WriteOffCodes.Charity) with { UnappliedCents = updated.UnappliedCents + fromPaid };
        }

        return updated.UnappliedCents > UnappliedCents ? updated.Apply(0) : updated;
    }

    /// <summary>Takes the placed claims back from the agency: what it had not collected is put back on the account's patient balance.</summary>
    public Account WithRecall(DateOnly today, DateTimeOffset at, string source)
    {
        var placement = Placement!;
        return PutBack(placement, placement.OutstandingCents, WriteOffCodes.Reversed, at, source).WithStep(DunningSteps.AgencyRecall, today, placement.AgencyId) with
        {
            Placement = placement with { Status = PlacementStatus.Recalled, RecalledOn = today },
        };
    }

    private Account PutBack(AgencyPlacement placement, long amountCents, string code, DateTimeOffset at, string source)
    {
        var left = amountCents;
        var updated = this;
        foreach (var claim in placement.ClaimIds.Select(id => Claims.First(c => c.ClaimId == id)))
        {
            var back = Math.Min(left, claim.PatientWrittenOffCents);
            if (back > 0)
            {
                left -= back;
                updated = updated.PutBackOn(claim, back, code, at, source);
            }
        }

        return updated;
    }

    /// <summary>Puts back <paramref name="cents"/> of what was written off on a claim (a reversal, a recovery, a recall): the claim owes it again.</summary>
    private Account PutBackOn(ClaimBalance claim, long cents, string code, DateTimeOffset at, string source) =>
        Replace(claim with { PatientWrittenOffCents = claim.PatientWrittenOffCents - cents }).Append(LedgerKinds.WriteOff, claim.ClaimId, cents, at, source, reason: code);
}

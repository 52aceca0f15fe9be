using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Domain.Kpis;

/// <summary>
/// One claim's money on collections' own books (themselves folded from claim-submitted, claim-adjudicated and the
/// patient-side commands): from the claim's ledger lines up to the period's end, charges, the payers' contractual
/// adjustments, final-denial and charity write-offs and the payers' cash; from the claim's balance as it stands, what
/// the patient has paid on it (a patient payment is one account-level line spread over claims) and what is still open,
/// insurance and patient (a credit counts as zero: credits are a worklist of their own).
/// </summary>
public sealed record KpiMoney(long ChargeCents, long ContractualCents, long FinalDenialCents, long CharityCents, long CashCents, long BalanceCents)
{
    public static readonly KpiMoney None = new(0, 0, 0, 0, 0, 0);

    public static KpiMoney Of(IEnumerable<LedgerEntry> entries, ClaimBalance balance)
    {
        long charge = 0, contractual = 0, finalDenial = 0, charity = 0, payers = 0;
        foreach (var e in entries)
        {
            switch (e.Kind, e.Reason)
            {
                case (LedgerKinds.Charge, _): charge += e.AmountCents; break;
                case (LedgerKinds.Adjustment, WriteOffCodes.FinalDenial): finalDenial -= e.AmountCents; break;
                case (LedgerKinds.Adjustment, _): contractual -= e.AmountCents; break;
                case (LedgerKinds.WriteOff, WriteOffCodes.Charity): charity -= e.AmountCents; break;
                case (LedgerKinds.InsurancePayment, _): payers -= e.AmountCents; break;
            }
        }

        return new KpiMoney(charge, contractual, finalDenial, charity, payers + balance.PatientPaidCents,
            Math.Max(balance.InsurancePendingCents + balance.PatientBalanceCents, 0));
    }
}

/// <summary>A ratio kept exact: what was counted over what it is counted among. An empty denominator is a rate of zero, never a division error.</summary>
public sealed record Rate(long Numerator, long Denominator)
{
    public double Percent => Denominator == 0 ? 0 : Math.Round(100.0 * Numerator / Denominator, 2);
}

/// <summary>An average kept exact: a total over a count; no count is an average of zero.</summary>
public sealed record Average(long Total, long Count)
{
    public double Value => Count == 0 ? 0 : Math.Round((double)Total / Count, 2);
}

/// <summary>Denials of one root cause or CARC: how many, for how much.</summary>
public sealed record DenialCount(string Key, int Denials, long DeniedCents);

/// <summary>The KPIs of one slice (all claims, or one payer, provider, procedure code or CARC) for the period.</summary>
public sealed record KpiFigures(
    string Slice,
    int Claims,
    Rate CleanClaimScrubber,
    Rate CleanClaimAcceptance,
    Rate CleanClaimFirstPassPaid,
    Rate InitialDenialClaims,
    Rate InitialDenialDollars,
    Rate InitialDenialLines,
    Rate TouchlessClaims,
    Average DaysEncounterToClaim,
    IReadOnlyList<DenialCount> DenialsByRootCause,
    IReadOnlyList<DenialCount> DenialsByCarc,
    long NetPatientServiceRevenueCents = 0,
    long NetArCents = 0,
    Average? NetDaysInAr = null,
    Rate? ArOver90Days = null,
    Rate? NetCollectionRate = null,
    Rate? FinalDenialWriteOffs = null);

/// <summary>
/// The claim-flow KPIs as HFMA's MAP Keys define them, over the claims first submitted in a period (the cohort), from
/// the facts the projection folded from events (docs/KPIS.md gives each definition and source):
/// <list type="bullet">
/// <item>clean claim rate, three flavours, each over original claims (not secondary): clean at the scrubber (the first
/// version went out with no finding and no person touching it), accepted by the clearinghouse or payer front end on
/// first submission (no 999/277CA rejection of version 1), paid on first pass (over adjudicated claims: the first answer
/// paid and denied nothing);</item>
/// <item>initial denial rate over adjudicated claims: by claims (any denial on the first answer), by dollars (the
/// denied amounts of the first answer over the adjudicated claims' charges) and by lines (lines with a denial on the
/// first answer over the adjudicated claims' lines);</item>
/// <item>denials by root cause and by CARC (every denial of the cohort's claims, count and dollars);</item>
/// <item>touchless claim rate over adjudicated claims; days from encounter (first date of service) to claim
/// (first submission), as total days over claims;</item>
/// <item>the A/R figures over the same claims' ledger lines to the period's end (<see cref="KpiMoney"/>): net patient
/// service revenue (charges less contractual adjustments and charity), net A/R (what is still open), net days in A/R
/// (net A/R over the average day's net revenue of the period: net A/R x days / net revenue), A/R over 90 days from the
/// date of service (share of net A/R), net collection rate (cash over charges less contractual adjustments) and final
/// denial write-offs as a share of net revenue.</item>
/// </list>
/// </summary>
public static class KpiReport
{
    public static readonly string[] Slicings = ["", "payer", "provider", "code", "carc", "week", "month"];

    public static IReadOnlyList<KpiFigures> Of(IReadOnlyList<KpiClaim> claims, string by, IReadOnlyDictionary<string, KpiMoney> money, (DateOnly From, DateOnly To) period)
    {
        var originals = claims.Where(c => !c.Secondary).ToList();
        // A week or month slice's net revenue is that week's or month's: its net days in A/R count its own days.
        KpiFigures Figures(string slice, IReadOnlyList<KpiClaim> slicedClaims) =>
            WithMoney(KpiReport.Figures(slice, slicedClaims), slicedClaims, money, Days(by is "week" or "month" ? Within(by, slice, period) : period), period.To);
        if (by.Length == 0)
        {
            return [Figures("all", originals)];
        }

        IEnumerable<string> Keys(KpiClaim c) => by switch
        {
            "payer" => [c.PayerId],
            "provider" => [c.ProviderNpi.Length > 0 ? c.ProviderNpi : "(none)"],
            "code" => c.ProcedureCodes.Distinct(StringComparer.Ordinal),
            "carc" => c.Denials.Count == 0 ? ["(no denial)"] : c.Denials.Select(d => $"{d.GroupCode}-{d.ReasonCode}").Distinct(StringComparer.Ordinal),
            // The period: the ISO week or the month the claim was first submitted in (a trend, oldest first).
            "week" => [c.SubmittedOn is { } w ? $"{System.Globalization.ISOWeek.GetYear(w.ToDateTime(TimeOnly.MinValue))}-W{System.Globalization.ISOWeek.GetWeekOfYear(w.ToDateTime(TimeOnly.MinValue)):00}" : "(none)"],
            "month" => [c.SubmittedOn is { } m ? $"{m:yyyy-MM}" : "(none)"],
            _ => throw new ArgumentOutOfRangeException(nameof(by), by, "slicing must be payer, provider, code, carc, week or month"),
        };

        return originals.SelectMany(c => Keys(c).Select(k => (Key: k, Claim: c)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(g.Key, g.Select(p => p.Claim).ToList()))
            .ToList();
    }

    private static KpiFigures Figures(string slice, IReadOnlyList<KpiClaim> claims)
    {
        var adjudicated = claims.Where(c => c.FirstAdjudication is not null).ToList();
        var withDate = claims.Where(c => c.ServiceDate is not null && c.SubmittedOn is not null).ToList();
        var denials = claims.SelectMany(c => c.Denials).ToList();
        return new KpiFigures(
            slice,
            claims.Count,
            new Rate(claims.Count(c => c.ScrubClean), claims.Count),
            new Rate(claims.Count(c => c.AcceptedOnFirstSubmission), claims.Count),
            new Rate(adjudicated.Count(c => c.PaidOnFirstPass), adjudicated.Count),
            new Rate(adjudicated.Count(c => c.InitialDenials.Any()), adjudicated.Count),
            new Rate(adjudicated.Sum(c => c.InitialDenials.Sum(d => d.DeniedCents)), adjudicated.Sum(c => c.ChargeCents)),
            new Rate(adjudicated.Sum(InitialDeniedLines), adjudicated.Sum(c => c.Lines)),
            new Rate(adjudicated.Count(c => c.Touchless), adjudicated.Count),
            new Average(withDate.Sum(c => (long)(c.SubmittedOn!.Value.DayNumber - c.ServiceDate!.Value.DayNumber)), withDate.Count),
            Count(denials, d => d.RootCause),
            Count(denials, d => $"{d.GroupCode}-{d.ReasonCode}"));
    }

    /// <summary>The days of a week ("2026-W49") or month ("2026-12") slice, clipped to the period.</summary>
    private static (DateOnly From, DateOnly To) Within(string by, string slice, (DateOnly From, DateOnly To) period)
    {
        DateOnly start, end;
        if (by == "week" && slice.Split("-W") is [var y, var w] && int.TryParse(y, out var year) && int.TryParse(w, out var week))
        {
            start = DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
            end = start.AddDays(6);
        }
        else if (by == "month" && DateOnly.TryParseExact(slice + "-01", "yyyy-MM-dd", out var first))
        {
            (start, end) = (first, first.AddMonths(1).AddDays(-1));
        }
        else
        {
            return period;
        }

        return (start > period.From ? start : period.From, end < period.To ? end : period.To);
    }

    private static int Days((DateOnly From, DateOnly To) period) => period.To.DayNumber - period.From.DayNumber + 1;

    /// <summary>The A/R figures of a slice's claims: <paramref name="days"/> of revenue, aged as of <paramref name="asOf"/> (the period's end).</summary>
    private static KpiFigures WithMoney(KpiFigures figures, IReadOnlyList<KpiClaim> claims, IReadOnlyDictionary<string, KpiMoney> money, int days, DateOnly asOf)
    {
        var books = claims.Select(c => (Claim: c, Money: money.GetValueOrDefault(c.ClaimId) ?? KpiMoney.None)).ToList();
        var charges = books.Sum(b => b.Money.ChargeCents);
        var contractual = books.Sum(b => b.Money.ContractualCents);
        var revenue = charges - contractual - books.Sum(b => b.Money.CharityCents);
        var open = books.Sum(b => b.Money.BalanceCents);
        var aged = books.Where(b => b.Claim.ServiceDate is { } d && asOf.DayNumber - d.DayNumber > 90).Sum(b => b.Money.BalanceCents);
        return figures with
        {
            NetPatientServiceRevenueCents = revenue,
            NetArCents = open,
            NetDaysInAr = new Average(open * days, Math.Max(revenue, 0)),
            ArOver90Days = new Rate(aged, open),
            NetCollectionRate = new Rate(books.Sum(b => b.Money.CashCents), charges - contractual),
            FinalDenialWriteOffs = new Rate(books.Sum(b => b.Money.FinalDenialCents), Math.Max(revenue, 0)),
        };
    }

    /// <summary>Lines the first answer denied; a claim-level denial denies every line of the claim.</summary>
    private static int InitialDeniedLines(KpiClaim claim)
    {
        var initial = claim.InitialDenials.ToList();
        return initial.Any(d => d.LineItemControlNumber.Length == 0)
            ? claim.Lines
            : Math.Min(claim.Lines, initial.Select(d => d.LineItemControlNumber).Distinct(StringComparer.Ordinal).Count());
    }

    private static IReadOnlyList<DenialCount> Count(IEnumerable<KpiDenial> denials, Func<KpiDenial, string> key) =>
        denials.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new DenialCount(g.Key, g.Count(), g.Sum(d => d.DeniedCents)))
            .OrderByDescending(d => d.Denials).ThenByDescending(d => d.DeniedCents).ThenBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
}

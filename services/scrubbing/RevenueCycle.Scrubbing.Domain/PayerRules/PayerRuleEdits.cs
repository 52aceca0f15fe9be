using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Edits;
using RevenueCycle.Scrubbing.Domain.Rules;

namespace RevenueCycle.Scrubbing.Domain.PayerRules;

/// <summary>Applies the claim's payer's rules (and the every-payer rules) and its timely-filing limit.</summary>
public static class PayerRuleEdits
{
    /// <summary>Warn this many days before the filing limit runs out.</summary>
    public const int NearLimitDays = 14;

    public static void Check(Claim claim, PayerRuleSet rules, DateOnly today, List<Finding> findings)
    {
        var payerId = claim.Payer?.PayerId ?? "";
        CheckTimelyFiling(claim, rules, payerId, today, findings);
        foreach (var rule in rules.RulesFor(payerId))
        {
            Apply(rule, claim, rules, payerId, findings);
        }
    }

    /// <summary>
    /// The claim's lines (by index) that a rule of its payer, in force on their dates, says need a prior authorization:
    /// the services a claim's authorization number must cover.
    /// </summary>
    public static IReadOnlyList<int> LinesNeedingPriorAuthorization(Claim claim, PayerRuleSet rules)
    {
        var lines = new SortedSet<int>();
        foreach (var rule in rules.RulesFor(claim.Payer?.PayerId ?? "").Where(r => r.Require.PriorAuthorization))
        {
            var when = rule.When;
            if ((when.ClaimTypes.Count > 0 && !when.ClaimTypes.Contains(claim.Type))
                || (when.TypeOfBillPrefixes.Count > 0 && !when.TypeOfBillPrefixes.Any(p => claim.Institutional?.TypeOfBill.StartsWith(p, StringComparison.Ordinal) == true)))
            {
                continue;
            }

            for (var i = 0; i < claim.Lines.Count; i++)
            {
                if ((claim.Lines[i].ServiceDateFrom ?? claim.FirstDateOfService) is { } dos && rule.InForceOn(dos) && Matches(when, claim, claim.Lines[i], dos))
                {
                    lines.Add(i);
                }
            }
        }

        return [.. lines];
    }

    /// <summary>The last day to file the claim with its payer: the first date of service plus the payer's limit; null without a date.</summary>
    public static DateOnly? TimelyFilingDeadline(Claim claim, PayerRuleSet rules, string payerId) =>
        claim.FirstDateOfService is { } from ? from.AddDays(rules.TimelyFilingDays(payerId)) : null;

    private static void CheckTimelyFiling(Claim claim, PayerRuleSet rules, string payerId, DateOnly today, List<Finding> findings)
    {
        if (claim.FirstDateOfService is not { } from || claim.Frequency == ClaimFrequency.Void)
        {
            return;
        }

        var limit = rules.TimelyFilingDays(payerId);
        var deadline = from.AddDays(limit);
        var source = $"Payer rules {rules.Version}: {(rules.Find(payerId)?.TimelyFilingDays is null ? "default" : $"payer {payerId}")} timely filing {limit} days";
        var left = deadline.DayNumber - today.DayNumber;
        if (left < 0)
        {
            findings.Add(new Finding("TIMELY-FILING", Severity.Reject, Owner.Billing,
                $"The filing limit of {limit} days from the date of service ({from:yyyy-MM-dd}) ended on {deadline:yyyy-MM-dd}.",
                "claim.lines[0].service_date_from", [], source,
                "Send only with proof of timely filing (an earlier acceptance report or payer correspondence); otherwise write the balance off as a timely-filing adjustment."));
        }
        else if (left <= NearLimitDays)
        {
            findings.Add(new Finding("TIMELY-FILING-NEAR", Severity.Warning, Owner.Billing,
                $"The filing limit of {limit} days from the date of service ends on {deadline:yyyy-MM-dd}, in {left} day{(left == 1 ? "" : "s")}.",
                "claim.lines[0].service_date_from", [], source, "Send the claim now."));
        }
    }

    private static void Apply(PayerRule rule, Claim claim, PayerRuleSet rules, string payerId, List<Finding> findings)
    {
        var source = $"Payer rules {rules.Version}: {rule.Id}{(rule.Description.Length > 0 ? $" ({rule.Description})" : "")}";
        var when = rule.When;
        if (when.ClaimTypes.Count > 0 && !when.ClaimTypes.Contains(claim.Type))
        {
            return;
        }

        if (when.TypeOfBillPrefixes.Count > 0 && !when.TypeOfBillPrefixes.Any(p => claim.Institutional?.TypeOfBill.StartsWith(p, StringComparison.Ordinal) == true))
        {
            return;
        }

        var claimLevel = new List<uint>();
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            var number = LineNumbers.Of(line, i);
            var date = line.ServiceDateFrom ?? claim.FirstDateOfService;
            if (date is not { } dos || !rule.InForceOn(dos) || !Matches(when, claim, line, dos))
            {
                continue;
            }

            var path = $"claim.lines[{i}]";
            var modifiers = line.Modifiers.Select(m => m.Trim().ToUpperInvariant()).ToArray();
            string? field = rule.Require switch
            {
                { Deny: true } => $"{path}.procedure_code",
                { AnyModifier.Count: > 0 } r when !r.AnyModifier.Any(modifiers.Contains) => $"{path}.modifiers",
                { NoModifier.Count: > 0 } r when r.NoModifier.Any(modifiers.Contains) => $"{path}.modifiers",
                { MaxUnits: { } max } when line.Units > max => $"{path}.units",
                { AnyDiagnosisPrefix.Count: > 0 } r when !Diagnoses(claim, line).Any(d => r.AnyDiagnosisPrefix.Any(p => d.StartsWith(p, StringComparison.Ordinal))) => $"{path}.diagnosis_pointers",
                _ => null,
            };
            if (field is not null)
            {
                findings.Add(new Finding(rule.Id, rule.Severity, rule.Owner, rule.Message, field, [number], source, rule.Fix));
            }

            if (rule.Require.PriorAuthorization && string.IsNullOrWhiteSpace(claim.PriorAuthorizationNumber)
                || rule.Require.Referral && string.IsNullOrWhiteSpace(claim.ReferralNumber) && claim.ReferringProvider is null)
            {
                claimLevel.Add(number);
            }
        }

        if (claimLevel.Count > 0)
        {
            var field = rule.Require.PriorAuthorization ? "claim.prior_authorization_number" : "claim.referral_number";
            findings.Add(new Finding(rule.Id, rule.Severity, rule.Owner, rule.Message, field, claimLevel.Order().ToArray(), source, rule.Fix));
        }
    }

    private static bool Matches(RuleCondition when, Claim claim, ServiceLine line, DateOnly dos)
    {
        var code = line.ProcedureCode.Trim().ToUpperInvariant();
        if (!when.Procedures.Contains(code))
        {
            return false;
        }

        if (when.PlacesOfService.Count > 0 && !when.PlacesOfService.Contains(line.PlaceOfService.Length > 0 ? line.PlaceOfService : claim.PlaceOfService))
        {
            return false;
        }

        if (when.Modifiers.Count > 0 && !line.Modifiers.Any(m => when.Modifiers.Contains(m.Trim().ToUpperInvariant())))
        {
            return false;
        }

        if (when.DiagnosisPrefixes.Count > 0 && !Diagnoses(claim, line).Any(d => when.DiagnosisPrefixes.Any(p => d.StartsWith(p, StringComparison.Ordinal))))
        {
            return false;
        }

        if (when.MinAge is not null || when.MaxAge is not null)
        {
            var age = PatientContext.On(claim.Patient?.DateOfBirth, Sex.Unspecified, dos).AgeYears;
            if (age is null || age < when.MinAge || age > when.MaxAge)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The diagnoses a professional line points to; every claim diagnosis for an institutional claim.</summary>
    private static IEnumerable<string> Diagnoses(Claim claim, ServiceLine line)
    {
        var all = claim.Type == ClaimType.Institutional || line.DiagnosisPointers.Count == 0;
        return (all ? claim.Diagnoses : line.DiagnosisPointers.Where(p => p >= 1 && p <= claim.Diagnoses.Count).Select(p => claim.Diagnoses[(int)p - 1]))
            .Select(d => d.Code.Replace(".", "", StringComparison.Ordinal).Trim().ToUpperInvariant());
    }
}

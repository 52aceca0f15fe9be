using System.Globalization;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.X12.Inquiries;

namespace RevenueCycle.Eligibility.Domain.Rules;

/// <summary>
/// Reads a 271 answer into an <see cref="EligibilityResult"/>. AAA rejections anywhere on the path to the person make
/// the answer a rejection (AAA 42, unable to respond now, a payer that is unavailable); otherwise EB01 1 lines make
/// their service types active and EB01 6 lines inactive; EB01 A/B/C/G/F lines become amounts (EB06 29 what remains,
/// 23/22/21 ... the period's total); EB11 Y lines need authorization; EB01 R lines with their 2120 payer are other
/// coverage. Money is cents, percents basis points; nothing is thrown for an odd 271: what cannot be typed is kept as
/// a message.
/// </summary>
public static class BenefitExtraction
{
    public static EligibilityResult From(EligibilityResponse271 response, EligibilityAnswer? answer)
    {
        var rejections = response.SourceRejections.Select(r => Rejection("information source", r))
            .Concat(response.ReceiverRejections.Select(r => Rejection("information receiver", r)))
            .Concat(answer?.Rejections.Select(r => Rejection(answer.Dependent is null ? "subscriber" : "dependent", r)) ?? [])
            .ToList();
        if (rejections.Count > 0 || answer is null)
        {
            var unavailable = rejections.Any(r => X12EligibilityCodes.PayerUnavailable(r.ReasonCode));
            if (answer is null && rejections.Count == 0)
            {
                rejections.Add(new EligibilityRejection("", "", "the 271 holds no answer for the person asked about", "", ""));
            }

            return new EligibilityResult(unavailable ? EligibilityOutcome.PayerUnavailable : EligibilityOutcome.Rejected, rejections, "", "", "", null, null, [], [], [], [], [], []);
        }

        var active = new SortedSet<string>(StringComparer.Ordinal);
        var inactive = new SortedSet<string>(StringComparer.Ordinal);
        var amounts = new List<BenefitAmount>();
        var authorization = new SortedSet<string>(StringComparer.Ordinal);
        var other = new List<OtherCoverage>();
        var messages = new List<string>();
        string plan = "", level = "";
        foreach (var benefit in answer.Benefits)
        {
            var types = benefit.ServiceTypes.Count > 0 ? benefit.ServiceTypes : ["30"];
            switch (benefit.InfoCode)
            {
                case "1":
                    active.UnionWith(types);
                    plan = plan.Length > 0 ? plan : benefit.PlanDescription;
                    level = level.Length > 0 ? level : benefit.CoverageLevel;
                    break;
                case "6" or "7" or "8":
                    inactive.UnionWith(types);
                    break;
                case "R":
                    other.Add(Other(benefit));
                    continue; // its messages belong to the other coverage
                default:
                    if (Kind(benefit.InfoCode) is { } kind)
                    {
                        amounts.Add(Amount(kind, benefit));
                    }

                    break;
            }

            if (benefit.AuthorizationRequired == "Y")
            {
                authorization.UnionWith(types);
            }

            messages.AddRange(benefit.Messages.Where(m => m.Length > 0));
        }

        inactive.ExceptWith(active);
        var coverage = answer.Dates.FirstOrDefault(d => d.Qualifier is "307" or "356" or "346" or "291");
        var coverageEnd = answer.Dates.FirstOrDefault(d => d.Qualifier is "357" or "347")?.From ?? coverage?.To;
        var group = answer.References.FirstOrDefault(r => r.Qualifier is "6P" or "1L")?.Value ?? "";
        var outcome = active.Count > 0 ? EligibilityOutcome.Active : EligibilityOutcome.Inactive;
        return new EligibilityResult(outcome, [], plan, group, level, coverage?.From, coverageEnd == coverage?.From && coverage?.Qualifier is not "307" ? null : coverageEnd,
            [.. active], [.. inactive], amounts, [.. authorization], other, messages.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The answer about the person asked (matched by trace number when several came back, else the only one).</summary>
    public static EligibilityAnswer? AnswerFor(EligibilityResponse271 response, string traceNumber) =>
        response.Answers.FirstOrDefault(a => a.TraceNumber == traceNumber) ?? (response.Answers.Count == 1 ? response.Answers[0] : null);

    private static EligibilityRejection Rejection(string level, RequestRejection r) =>
        new(level, r.ReasonCode, X12EligibilityCodes.RejectReason(r.ReasonCode), r.FollowUpCode, X12EligibilityCodes.FollowUp(r.FollowUpCode));

    private static BenefitKind? Kind(string infoCode) => infoCode switch
    {
        "A" => BenefitKind.Coinsurance,
        "B" => BenefitKind.Copay,
        "C" => BenefitKind.Deductible,
        "G" => BenefitKind.OutOfPocket,
        "F" => BenefitKind.Limitation,
        _ => null,
    };

    /// <summary>The largest percent (as a fraction) whose basis points fit an int.</summary>
    private const decimal MaxPercent = int.MaxValue / 10_000m;

    private static BenefitAmount Amount(BenefitKind kind, Benefit benefit)
    {
        var network = benefit.InNetwork switch
        {
            "Y" => Network.InNetwork,
            "N" => Network.OutOfNetwork,
            "W" => Network.Both,
            _ => Network.Unspecified,
        };
        var period = benefit.TimePeriod switch
        {
            "29" => AmountPeriod.Remaining,
            "27" => AmountPeriod.PerVisit,
            "" when kind is BenefitKind.Copay => AmountPeriod.PerVisit,
            _ => AmountPeriod.Total,
        };
        // EB08 is a fraction (0.2 is 20%); one too large for basis points in an int is no usable percent.
        int? basisPoints = benefit.Percent is { } percent && Math.Abs(percent) <= MaxPercent ? (int)Math.Round(percent * 10_000m, MidpointRounding.AwayFromZero) : null;
        var note = kind == BenefitKind.Limitation && benefit.Quantity is { } quantity
            ? $"{quantity.ToString(CultureInfo.InvariantCulture)} {X12EligibilityCodes.Quantity(benefit.QuantityQualifier)}".Trim()
            : "";
        return new BenefitAmount(kind, benefit.ServiceTypes, network, benefit.CoverageLevel, period, benefit.TimePeriod, benefit.AmountCents, basisPoints, note);
    }

    /// <summary>The other payer: the 2120 entity (PRP primary, SEP secondary, TTP tertiary payer, or PR a payer whose order is not said).</summary>
    private static OtherCoverage Other(Benefit benefit)
    {
        var payer = benefit.RelatedEntities.FirstOrDefault(e => e.EntityCode is "PRP" or "SEP" or "TTP" or "PR" or "P5" or "GP") ?? benefit.RelatedEntities.FirstOrDefault();
        var priority = payer?.EntityCode switch
        {
            "PRP" => "primary",
            "SEP" => "secondary",
            "TTP" => "tertiary",
            _ => "",
        };
        var dates = benefit.Dates.FirstOrDefault(d => d.Qualifier is "290" or "346" or "292");
        return new OtherCoverage(payer?.Name ?? benefit.PlanDescription, payer?.Id ?? "", benefit.InsuranceType, priority, dates?.From, dates?.To == dates?.From ? null : dates?.To,
            benefit.Messages);
    }
}

using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Eligibility.Domain.Model;

namespace RevenueCycle.Eligibility.Domain.Rules;

/// <summary>
/// Orders a patient's coverages for a date of service. First what the encounter decides: workers' compensation pays
/// first for a work-related injury and not at all otherwise, no-fault and liability first for an accident; TRICARE
/// after every other plan but Medicaid, and Medicaid last (payer of last resort). Between Medicare and a group health
/// plan, the Medicare Secondary Payer rules (42 CFR 411 subparts E to H): the group plan is primary for the working
/// aged with an employer of 20 or more employees, for the disabled with 100 or more (a large group health plan),
/// and for anyone during the first 30 months of ESRD-based Medicare eligibility whatever the employment; otherwise
/// Medicare is primary (retiree, continuation and individual plans are secondary to it). Between other plans, the
/// NAIC Coordination of Benefits Model Regulation order (section 6): a plan with no COB provision first; the plan
/// covering the patient as subscriber before the one covering them as a dependent; for a dependent child, the court
/// decree, then custodial parent, custodial parent's spouse, non-custodial parent, non-custodial parent's spouse when
/// the parents are apart, else the birthday rule (the parent whose birthday comes first in the year, then the longer
/// coverage); active employment before retirement; regular coverage before continuation; the longer coverage. When no
/// rule decides, the registered priority is kept and a finding says so.
/// </summary>
public static class CoordinationRules
{
    private const string Sequence = "PSTABCDEFGH";

    public static CobOrder Order(IReadOnlyList<Coverage> coverages, DateOnly dateOfService, AccidentKind accident)
    {
        var findings = new List<string>();
        var excluded = new List<ExcludedCoverage>();
        var candidates = new List<(Coverage Coverage, int Group, string Reason)>();
        foreach (var coverage in coverages.OrderBy(c => c.Priority == CoveragePriority.Unspecified ? 9 : (int)c.Priority).ThenBy(c => c.EffectiveDate).ThenBy(c => c.CoverageId, StringComparer.Ordinal))
        {
            var (status, why) = CoverageRules.StatusOn(coverage, dateOfService);
            if (status != CoverageStatus.Active)
            {
                excluded.Add(new ExcludedCoverage(coverage, $"not in force on the date of service ({why})"));
                continue;
            }

            switch (coverage.Cob.Kind)
            {
                case CoverageKind.WorkersCompensation when accident != AccidentKind.Employment:
                    excluded.Add(new ExcludedCoverage(coverage, "workers' compensation pays only for a work-related injury or illness"));
                    break;
                case CoverageKind.WorkersCompensation:
                    candidates.Add((coverage, 0, "workers' compensation pays first for a work-related injury or illness (42 CFR 411.40)"));
                    break;
                case CoverageKind.NoFault or CoverageKind.Liability when accident is not (AccidentKind.Auto or AccidentKind.Other):
                    excluded.Add(new ExcludedCoverage(coverage, "no-fault and liability insurance pay only for services caused by an accident"));
                    break;
                case CoverageKind.NoFault:
                    candidates.Add((coverage, 1, "no-fault insurance pays first for an accident's services (42 CFR 411.50)"));
                    break;
                case CoverageKind.Liability:
                    candidates.Add((coverage, 2, "liability insurance pays first for an accident's services (42 CFR 411.50); Medicare may pay conditionally"));
                    break;
                case CoverageKind.Tricare:
                    candidates.Add((coverage, 4, "TRICARE pays after every other health plan but Medicaid (32 CFR 199.8)"));
                    break;
                case CoverageKind.Medicaid:
                    candidates.Add((coverage, 5, "Medicaid is the payer of last resort (42 U.S.C. 1396a(a)(25))"));
                    break;
                default:
                    candidates.Add((coverage, 3, ""));
                    break;
            }
        }

        var ordered = new List<(Coverage Coverage, string Reason)>();
        foreach (var group in candidates.GroupBy(c => c.Group).OrderBy(g => g.Key))
        {
            if (group.Key != 3)
            {
                ordered.AddRange(group.Select(c => (c.Coverage, c.Reason)));
                continue;
            }

            // Health plans: each goes before the first plan the pairwise rules say it pays before.
            var health = new List<Coverage>();
            foreach (var (coverage, _, _) in group)
            {
                var at = health.Count;
                for (var i = 0; i < health.Count; i++)
                {
                    var (first, why) = Compare(coverage, health[i], dateOfService, findings);
                    if (first == coverage)
                    {
                        at = i;
                        break;
                    }

                    if (first is null)
                    {
                        findings.Add($"The order of {Name(health[i])} and {Name(coverage)} is undetermined: {why}; the registered priority is kept, confirm it with the patient.");
                    }
                }

                health.Insert(at, coverage);
            }

            // Each plan's reason: why the plan before it pays first (for the primary, why it pays before the next).
            string Why(int before, int after)
            {
                var (first, why) = Compare(health[before], health[after], dateOfService, []);
                return first is null ? $"undetermined ({why}): the registered priority is kept" : why;
            }

            ordered.AddRange(health.Select((c, i) => (c, health.Count == 1 ? "the patient's only health plan in force" : i == 0 ? Why(0, 1) : Why(i - 1, i))));
        }

        var order = ordered.Select((c, i) => new CoordinatedCoverage(c.Coverage, i + 1, i < Sequence.Length ? Sequence[i].ToString() : "U", c.Reason)).ToList();
        return new CobOrder(order, excluded, findings.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Which of two health plans pays first and why; null when the rules cannot tell (the reason says what is missing).</summary>
    public static (Coverage? First, string Reason) Compare(Coverage a, Coverage b, DateOnly dateOfService, List<string> findings)
    {
        if (a.Cob.Kind == CoverageKind.Medicare ^ b.Cob.Kind == CoverageKind.Medicare)
        {
            var (medicare, other) = a.Cob.Kind == CoverageKind.Medicare ? (a, b) : (b, a);
            var (otherFirst, reason) = MedicareSecondaryPayer(medicare, other, dateOfService, findings);
            return (otherFirst switch { true => other, false => medicare, null => null }, reason);
        }

        if (a.Cob.NoCobProvision != b.Cob.NoCobProvision)
        {
            return (a.Cob.NoCobProvision ? a : b, "a plan without a coordination of benefits provision is always primary (NAIC 6B(1))");
        }

        var aSelf = IsSelf(a);
        if (aSelf != IsSelf(b))
        {
            return (aSelf ? a : b, "the plan covering the patient as the subscriber pays before the plan covering them as a dependent (NAIC 6B(2))");
        }

        if (!aSelf && a.Subscriber.RelationshipToPatient == Relationship.Child && b.Subscriber.RelationshipToPatient == Relationship.Child)
        {
            if (a.Cob.Custody != ParentCustody.Unspecified || b.Cob.Custody != ParentCustody.Unspecified)
            {
                if (a.Cob.Custody != b.Cob.Custody && a.Cob.Custody != ParentCustody.Unspecified && b.Cob.Custody != ParentCustody.Unspecified)
                {
                    return (a.Cob.Custody < b.Cob.Custody ? a : b,
                        "for a child of parents apart: a court decree, then the custodial parent, the custodial parent's spouse, the non-custodial parent, the non-custodial parent's spouse (NAIC 6B(4)(b))");
                }

                return (null, "the custody of the child is registered for one parent's plan only, or the same for both");
            }

            if (a.Subscriber.DateOfBirth is { } da && b.Subscriber.DateOfBirth is { } db)
            {
                var (ma, mb) = ((da.Month * 100) + da.Day, (db.Month * 100) + db.Day);
                if (ma != mb)
                {
                    return (ma < mb ? a : b, "birthday rule: the plan of the parent whose birthday comes first in the year pays first (NAIC 6B(4)(a))");
                }

                if (a.EffectiveDate != b.EffectiveDate)
                {
                    return (a.EffectiveDate < b.EffectiveDate ? a : b, "birthday rule, same birthday: the plan that has covered the parent longer pays first (NAIC 6B(4)(a))");
                }
            }
            else
            {
                return (null, "the birthday rule needs both parents' dates of birth");
            }
        }

        if (a.Cob.Employment != b.Cob.Employment && a.Cob.Employment is EmploymentBasis.Active or EmploymentBasis.Retired && b.Cob.Employment is EmploymentBasis.Active or EmploymentBasis.Retired)
        {
            return (a.Cob.Employment == EmploymentBasis.Active ? a : b, "the plan of an active employee pays before the plan of a retired or laid-off one (NAIC 6B(5))");
        }

        if ((a.Cob.Employment == EmploymentBasis.Continuation) != (b.Cob.Employment == EmploymentBasis.Continuation))
        {
            return (a.Cob.Employment != EmploymentBasis.Continuation ? a : b, "regular coverage pays before COBRA or state continuation coverage (NAIC 6B(6))");
        }

        if (a.EffectiveDate != b.EffectiveDate)
        {
            return (a.EffectiveDate < b.EffectiveDate ? a : b, "the plan that has covered the patient longer pays first (NAIC 6B(7))");
        }

        return (null, "no NAIC rule decides: the plans share the expenses equally (NAIC 6B(8))");
    }

    /// <summary>Whether the other plan pays before Medicare; null when a fact the rule needs is missing.</summary>
    private static (bool? OtherFirst, string Reason) MedicareSecondaryPayer(Coverage medicare, Coverage other, DateOnly dateOfService, List<string> findings)
    {
        if (other.Cob.Kind is CoverageKind.Individual)
        {
            return (false, "Medicare pays before an individual plan or Medicare supplement");
        }

        if (other.Cob.Kind is CoverageKind.Unspecified)
        {
            findings.Add($"{Name(other)}: the kind of coverage is not registered; it is ordered as a group health plan against Medicare.");
        }

        var employment = other.Cob.Employment;
        switch (medicare.Cob.Medicare)
        {
            case MedicareBasis.EndStageRenalDisease when medicare.Cob.EsrdCoordinationStart is null:
                return (null, "ESRD-based Medicare: the start of the 30-month coordination period is not registered");
            case MedicareBasis.EndStageRenalDisease:
            {
                var start = medicare.Cob.EsrdCoordinationStart.Value;
                var month = ((dateOfService.Year - start.Year) * 12) + dateOfService.Month - start.Month + 1;
                return month <= 30
                    ? (true, string.Create(CultureInfo.InvariantCulture, $"ESRD coordination period, month {month} of 30: the group health plan pays first whatever the employment (42 CFR 411.162)"))
                    : (false, "ESRD coordination period over (30 months): Medicare pays first (42 CFR 411.162)");
            }

            case MedicareBasis.Age or MedicareBasis.Disability when employment is EmploymentBasis.Retired or EmploymentBasis.Continuation:
                return (false, employment == EmploymentBasis.Retired
                    ? "Medicare pays before a retiree plan: it is not based on current employment (42 CFR 411.172)"
                    : "Medicare pays before COBRA or state continuation coverage for the aged and disabled (42 CFR 411.172, 411.204)");
            case MedicareBasis.Age or MedicareBasis.Disability when employment != EmploymentBasis.Active:
                return (null, "the basis of the group plan (current employment, retirement, continuation) is not registered");
            case MedicareBasis.Age or MedicareBasis.Disability when other.Cob.EmployerSize <= 0:
                return (null, "the employer's size is not registered (the MSP thresholds are 20 employees for the aged, 100 for the disabled)");
            case MedicareBasis.Age:
                return other.Cob.EmployerSize >= 20
                    ? (true, "working aged: a group health plan of current employment with an employer of 20 or more employees pays first (42 CFR 411.172)")
                    : (false, "working aged with an employer of fewer than 20 employees: Medicare pays first (42 CFR 411.170)");
            case MedicareBasis.Disability:
                return other.Cob.EmployerSize >= 100
                    ? (true, "disability: a large group health plan (100 or more employees) of current employment pays first (42 CFR 411.204)")
                    : (false, "disability with an employer of fewer than 100 employees: Medicare pays first (42 CFR 411.201)");
            default:
                return (null, "why the patient has Medicare (age, disability, ESRD) is not registered");
        }
    }

    private static bool IsSelf(Coverage c) => c.Subscriber.RelationshipToPatient is Relationship.Self or Relationship.Unspecified;

    private static string Name(Coverage c) => $"{(c.Payer.Name.Length > 0 ? c.Payer.Name : "payer " + c.Payer.PayerId)} ({c.CoverageId})";
}

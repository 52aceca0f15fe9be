using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Rules;

namespace RevenueCycle.Eligibility.Tests.Domain.Rules;

/// <summary>Coordination of benefits, case by case from the NAIC model regulation (section 6) and the Medicare Secondary Payer rules.</summary>
public sealed class CoordinationRulesTests
{
    private static readonly DateOnly Dos = new(2026, 3, 2);

    /// <summary>A coverage named by its id; the payer's name is the id too, so an order reads as a list of ids.</summary>
    private static Coverage Cov(
        string id, CoverageKind kind = CoverageKind.GroupHealthPlan, Relationship relationship = Relationship.Self, EmploymentBasis employment = EmploymentBasis.Active,
        int employerSize = 500, MedicareBasis medicare = MedicareBasis.Unspecified, string? esrdStart = null, ParentCustody custody = ParentCustody.Unspecified,
        string subscriberBorn = "1970-01-01", string effective = "2020-01-01", string? ended = null, bool noCob = false, CoveragePriority priority = CoveragePriority.Unspecified) =>
        new(id, "pat-1", new Payer(id, id, "CI", Address.Empty),
            new Subscriber("M-" + id, "", new PersonName("DOE", "PAT", "", ""), subscriberBorn.Length > 0 ? DateOnly.Parse(subscriberBorn, System.Globalization.CultureInfo.InvariantCulture) : null, Sex.Unspecified, Address.Empty, relationship),
            priority, "", DateOnly.Parse(effective, System.Globalization.CultureInfo.InvariantCulture), ended is null ? null : DateOnly.Parse(ended, System.Globalization.CultureInfo.InvariantCulture),
            new Benefits(0, 0, 0, 0, 0, 0, []))
        {
            Cob = new CobProfile(kind, employment, employerSize, noCob, medicare, esrdStart is null ? null : DateOnly.Parse(esrdStart, System.Globalization.CultureInfo.InvariantCulture), custody),
        };

    private static Coverage Medicare(MedicareBasis basis, string? esrdStart = null) =>
        Cov("MEDICARE", CoverageKind.Medicare, employment: EmploymentBasis.Unspecified, employerSize: 0, medicare: basis, esrdStart: esrdStart);

    public static TheoryData<string, Coverage[], AccidentKind, string[], string> Cases => new()
    {
        // NAIC model regulation, section 6
        { "subscriber before dependent", [Cov("SPOUSE", relationship: Relationship.Spouse), Cov("OWN")], AccidentKind.None, ["OWN", "SPOUSE"], "NAIC 6B(2)" },
        { "birthday rule: month and day, not year", [Cov("DAD", relationship: Relationship.Child, subscriberBorn: "1975-07-15"), Cov("MOM", relationship: Relationship.Child, subscriberBorn: "1982-03-02")], AccidentKind.None, ["MOM", "DAD"], "NAIC 6B(4)(a)" },
        { "birthday rule, same birthday: longer coverage", [Cov("NEW", relationship: Relationship.Child, subscriberBorn: "1980-05-05", effective: "2024-01-01"), Cov("OLD", relationship: Relationship.Child, subscriberBorn: "1979-05-05", effective: "2019-06-01")], AccidentKind.None, ["OLD", "NEW"], "same birthday" },
        { "parents apart: custodial before non-custodial", [Cov("NONCUST", relationship: Relationship.Child, custody: ParentCustody.NonCustodialParent), Cov("CUST", relationship: Relationship.Child, custody: ParentCustody.CustodialParent)], AccidentKind.None, ["CUST", "NONCUST"], "NAIC 6B(4)(b)" },
        { "parents apart: court decree first", [Cov("CUST", relationship: Relationship.Child, custody: ParentCustody.CustodialParent), Cov("DECREE", relationship: Relationship.Child, custody: ParentCustody.CourtDecree)], AccidentKind.None, ["DECREE", "CUST"], "court decree" },
        { "parents apart: custodial parent's spouse before non-custodial parent", [Cov("NONCUST", relationship: Relationship.Child, custody: ParentCustody.NonCustodialParent), Cov("STEP", relationship: Relationship.Child, custody: ParentCustody.SpouseOfCustodialParent)], AccidentKind.None, ["STEP", "NONCUST"], "NAIC 6B(4)(b)" },
        { "active before retired", [Cov("RETIREE", employment: EmploymentBasis.Retired, effective: "2001-01-01"), Cov("JOB", effective: "2025-01-01")], AccidentKind.None, ["JOB", "RETIREE"], "NAIC 6B(5)" },
        { "regular before COBRA", [Cov("COBRA", employment: EmploymentBasis.Continuation, effective: "2001-01-01"), Cov("JOB", effective: "2025-01-01")], AccidentKind.None, ["JOB", "COBRA"], "NAIC 6B(6)" },
        { "longer coverage", [Cov("NEWER", effective: "2025-01-01"), Cov("OLDER", effective: "2010-01-01")], AccidentKind.None, ["OLDER", "NEWER"], "NAIC 6B(7)" },
        { "no COB provision first", [Cov("COMPLYING"), Cov("NOCOB", relationship: Relationship.Spouse, noCob: true)], AccidentKind.None, ["NOCOB", "COMPLYING"], "NAIC 6B(1)" },
        // Medicare Secondary Payer
        { "working aged, 20 employees: group plan first", [Medicare(MedicareBasis.Age), Cov("GHP", employerSize: 20)], AccidentKind.None, ["GHP", "MEDICARE"], "working aged" },
        { "working aged, 19 employees: Medicare first", [Cov("GHP", employerSize: 19), Medicare(MedicareBasis.Age)], AccidentKind.None, ["MEDICARE", "GHP"], "fewer than 20" },
        { "working aged through the spouse's job", [Medicare(MedicareBasis.Age), Cov("SPOUSEJOB", relationship: Relationship.Spouse, employerSize: 50)], AccidentKind.None, ["SPOUSEJOB", "MEDICARE"], "working aged" },
        { "aged with a retiree plan: Medicare first", [Cov("RETIREE", employment: EmploymentBasis.Retired), Medicare(MedicareBasis.Age)], AccidentKind.None, ["MEDICARE", "RETIREE"], "retiree" },
        { "aged with COBRA: Medicare first", [Cov("COBRA", employment: EmploymentBasis.Continuation), Medicare(MedicareBasis.Age)], AccidentKind.None, ["MEDICARE", "COBRA"], "COBRA" },
        { "disabled, 100 employees: large group plan first", [Medicare(MedicareBasis.Disability), Cov("LGHP", employerSize: 100)], AccidentKind.None, ["LGHP", "MEDICARE"], "large group" },
        { "disabled, 99 employees: Medicare first", [Cov("GHP", employerSize: 99), Medicare(MedicareBasis.Disability)], AccidentKind.None, ["MEDICARE", "GHP"], "fewer than 100" },
        { "ESRD month 30: group plan first even for a retiree", [Medicare(MedicareBasis.EndStageRenalDisease, "2023-10-01"), Cov("RETIREE", employment: EmploymentBasis.Retired)], AccidentKind.None, ["RETIREE", "MEDICARE"], "month 30 of 30" },
        { "ESRD month 31: Medicare first", [Cov("GHP"), Medicare(MedicareBasis.EndStageRenalDisease, "2023-09-01")], AccidentKind.None, ["MEDICARE", "GHP"], "coordination period over" },
        { "ESRD with COBRA in the coordination period: COBRA first", [Medicare(MedicareBasis.EndStageRenalDisease, "2025-06-01"), Cov("COBRA", employment: EmploymentBasis.Continuation)], AccidentKind.None, ["COBRA", "MEDICARE"], "month 10 of 30" },
        { "Medicare before a supplement", [Cov("MEDIGAP", CoverageKind.Individual), Medicare(MedicareBasis.Age)], AccidentKind.None, ["MEDICARE", "MEDIGAP"], "supplement" },
        // What the encounter decides, and payers of last resort
        { "work injury: workers' compensation first", [Cov("GHP"), Cov("WC", CoverageKind.WorkersCompensation)], AccidentKind.Employment, ["WC", "GHP"], "work-related" },
        { "auto accident: no-fault first, then Medicare", [Medicare(MedicareBasis.Age), Cov("AUTO", CoverageKind.NoFault)], AccidentKind.Auto, ["AUTO", "MEDICARE"], "no-fault" },
        { "Medicaid last, TRICARE before it", [Cov("MEDICAID", CoverageKind.Medicaid), Cov("TRICARE", CoverageKind.Tricare), Cov("GHP")], AccidentKind.None, ["GHP", "TRICARE", "MEDICAID"], "only health plan" },
        { "three plans: own job, spouse's job, Medicaid", [Cov("MEDICAID", CoverageKind.Medicaid), Cov("SPOUSE", relationship: Relationship.Spouse), Cov("OWN")], AccidentKind.None, ["OWN", "SPOUSE", "MEDICAID"], "NAIC 6B(2)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Order_FollowsTheRules(string name, Coverage[] coverages, AccidentKind accident, string[] expected, string primaryReason)
    {
        var order = CoordinationRules.Order(coverages, Dos, accident);

        Assert.True(expected.SequenceEqual(order.Order.Select(c => c.Coverage.CoverageId)), $"{name}: {string.Join(", ", order.Order.Select(c => c.Coverage.CoverageId))}");
        Assert.Contains(primaryReason, order.Order[0].Reason);
        Assert.Equal("PST"[..expected.Length], string.Concat(order.Order.Select(c => c.PayerResponsibility)));
        Assert.Empty(order.Findings);
    }

    [Fact]
    public void Encounter_NotWorkRelated_LeavesWorkersCompensationOut()
    {
        var order = CoordinationRules.Order([Cov("WC", CoverageKind.WorkersCompensation), Cov("GHP"), Cov("OLD", ended: "2025-12-31")], Dos, AccidentKind.None);

        Assert.Equal(["GHP"], order.Order.Select(c => c.Coverage.CoverageId));
        Assert.Equal(["OLD", "WC"], order.Excluded.Select(e => e.Coverage.CoverageId));
        Assert.Contains("not in force", order.Excluded[0].Reason);
        Assert.Contains("work-related", order.Excluded[1].Reason);
    }

    [Theory]
    [InlineData("twins of the rules", "no NAIC rule decides")]
    [InlineData("child without birthdays", "needs both parents' dates of birth")]
    [InlineData("Medicare without its basis", "why the patient has Medicare")]
    [InlineData("working aged, employer size unknown", "employer's size is not registered")]
    [InlineData("ESRD without its start", "coordination period is not registered")]
    public void Undecided_KeepsTheRegisteredPriorityAndSaysWhy(string name, string finding)
    {
        Coverage[] coverages = name switch
        {
            "twins of the rules" => [Cov("FIRST", priority: CoveragePriority.Primary), Cov("SECOND", priority: CoveragePriority.Secondary)],
            "child without birthdays" => [Cov("FIRST", relationship: Relationship.Child, subscriberBorn: "", priority: CoveragePriority.Primary), Cov("SECOND", relationship: Relationship.Child, subscriberBorn: "", priority: CoveragePriority.Secondary)],
            "Medicare without its basis" => [Cov("FIRST", priority: CoveragePriority.Primary), Cov("SECOND", CoverageKind.Medicare, priority: CoveragePriority.Secondary)],
            "working aged, employer size unknown" => [Cov("FIRST", employerSize: 0, priority: CoveragePriority.Primary), Medicare(MedicareBasis.Age) with { Priority = CoveragePriority.Secondary, CoverageId = "SECOND" }],
            _ => [Cov("FIRST", priority: CoveragePriority.Primary), Medicare(MedicareBasis.EndStageRenalDisease) with { Priority = CoveragePriority.Secondary, CoverageId = "SECOND" }],
        };

        var order = CoordinationRules.Order(coverages.Reverse().ToArray(), Dos, AccidentKind.None);

        Assert.Equal(["FIRST", "SECOND"], order.Order.Select(c => c.Coverage.CoverageId));
        Assert.Contains(finding, Assert.Single(order.Findings));
        Assert.StartsWith("undetermined", order.Order[1].Reason);
    }
}

namespace RevenueCycle.Eligibility.Domain.Model;

/// <summary>What kind of coverage it is, for coordination of benefits.</summary>
public enum CoverageKind
{
    Unspecified,

    /// <summary>An employer or union group health plan (commercial or self-funded).</summary>
    GroupHealthPlan,

    /// <summary>An individual (non-group) plan, e.g. a marketplace plan or a Medicare supplement.</summary>
    Individual,
    Medicare,
    Medicaid,
    Tricare,
    WorkersCompensation,

    /// <summary>Automobile no-fault or medical payments coverage.</summary>
    NoFault,

    /// <summary>Liability insurance (including self-insurance) of whoever caused an injury.</summary>
    Liability,
}

/// <summary>On what the subscriber holds a group plan: current employment, retirement, or continuation (COBRA or state).</summary>
public enum EmploymentBasis
{
    Unspecified,
    Active,
    Retired,
    Continuation,
}

/// <summary>Why the patient has Medicare: age (65 and over), disability, or end-stage renal disease.</summary>
public enum MedicareBasis
{
    Unspecified,
    Age,
    Disability,
    EndStageRenalDisease,
}

/// <summary>For a dependent child whose parents are not married or living together: whose plan the order follows (NAIC 6B(4)(b)).</summary>
public enum ParentCustody
{
    /// <summary>Parents married or living together (the birthday rule applies), or not said.</summary>
    Unspecified,

    /// <summary>A court decree makes this parent responsible for the child's health care expenses.</summary>
    CourtDecree,
    CustodialParent,
    SpouseOfCustodialParent,
    NonCustodialParent,
    SpouseOfNonCustodialParent,
}

/// <summary>What caused the services, as far as who pays first is concerned.</summary>
public enum AccidentKind
{
    None,

    /// <summary>A work-related injury or illness: workers' compensation pays first.</summary>
    Employment,

    /// <summary>An automobile accident: no-fault (and liability) pay first.</summary>
    Auto,

    /// <summary>Another accident with a liable party.</summary>
    Other,
}

/// <summary>
/// What coordination of benefits needs to know of a coverage beyond payer and subscriber: its kind; for a group plan,
/// the basis of the coverage and the employer's size (MSP thresholds: 20 employees for the working aged, 100 for the
/// disabled) and whether the plan has a COB provision; for Medicare, why the patient has it and when the ESRD
/// coordination period began; for a dependent child of separated parents, the custody.
/// </summary>
public sealed record CobProfile(
    CoverageKind Kind,
    EmploymentBasis Employment,
    int EmployerSize,
    bool NoCobProvision,
    MedicareBasis Medicare,
    DateOnly? EsrdCoordinationStart,
    ParentCustody Custody)
{
    public static readonly CobProfile Unspecified = new(CoverageKind.Unspecified, EmploymentBasis.Unspecified, 0, false, MedicareBasis.Unspecified, null, ParentCustody.Unspecified);
}

/// <summary>One coverage in payment order: its position (1 primary), the X12 payer responsibility code (SBR01), and why.</summary>
public sealed record CoordinatedCoverage(Coverage Coverage, int Position, string PayerResponsibility, string Reason);

/// <summary>A registered coverage that does not pay for this encounter, and why (ended, not work-related ...).</summary>
public sealed record ExcludedCoverage(Coverage Coverage, string Reason);

/// <summary>
/// The order a patient's coverages pay in for a date of service: the ordered coverages, those that do not apply, and
/// what a registrar must resolve (an order the rules cannot decide, a fact missing, other coverage a payer reports
/// that is not registered).
/// </summary>
public sealed record CobOrder(IReadOnlyList<CoordinatedCoverage> Order, IReadOnlyList<ExcludedCoverage> Excluded, IReadOnlyList<string> Findings);

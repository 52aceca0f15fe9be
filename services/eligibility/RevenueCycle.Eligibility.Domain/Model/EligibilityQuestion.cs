namespace RevenueCycle.Eligibility.Domain.Model;

/// <summary>A dependent asked about (the 270's 2100D): the subscriber's member id covers them.</summary>
public sealed record DependentPerson(string Last, string First, DateOnly? BirthDate, string Gender);

/// <summary>
/// One eligibility question: which payer, the subscriber (member id, name, date of birth) or a dependent of theirs, the
/// date of service and the service types (EQ01; 30 health benefit plan coverage when none). Field paths in errors
/// follow the <c>CheckEligibilityRequest</c> contract.
/// </summary>
public sealed record EligibilityQuestion(
    string PayerId,
    string MemberId,
    string SubscriberLast,
    string SubscriberFirst,
    DateOnly? SubscriberBirthDate,
    string SubscriberGender,
    DependentPerson? Dependent,
    DateOnly? DateOfService,
    IReadOnlyList<string> ServiceTypes,
    string PatientId = "",
    string CoverageId = "");

/// <summary>
/// A stored answer: the question's key (a hash: it holds PHI), the result, the raw 271 for audit, when it came and
/// until when it answers the same question again. Each answer is also kept under its own id, so the one in force on a
/// date can be found later (a denial's "what did we know").
/// </summary>
public sealed record EligibilitySnapshot(
    string SnapshotId,
    string QuestionKey,
    string PayerId,
    string PatientId,
    string CoverageId,
    DateOnly DateOfService,
    IReadOnlyList<string> ServiceTypes,
    EligibilityResult Result,
    string TraceNumber,
    string Raw271,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ExpiresAt);

/// <summary>
/// The answer to a check: the snapshot (null only when the payer never answered this question), whether it came from
/// the cache, whether it is stale (the payer could not be asked now; this is the last answer), and why.
/// </summary>
public sealed record EligibilityCheck(EligibilitySnapshot? Snapshot, bool FromCache, bool Stale, string Problem)
{
    public EligibilityResult Result => Snapshot?.Result ?? EligibilityResult.Unavailable(Problem);
}

/// <summary>
/// One appointment of a batch: the caller's reference (an appointment id; no PHI) and what to ask, a question or a
/// registered coverage with its date of service; or the errors that stopped the row being read.
/// </summary>
public sealed record EligibilityBatchRow(
    string Reference,
    EligibilityQuestion? Question,
    string CoverageId,
    DateOnly? DateOfService,
    IReadOnlyList<string> ServiceTypes,
    DependentPerson? Dependent,
    IReadOnlyList<BuildingBlocks.Errors.FieldViolation> Errors);

/// <summary>A batch row's answer, by its index in the batch: the check, or why the row could not be asked.</summary>
public sealed record EligibilityBatchResult(int Index, string Reference, EligibilityCheck? Check, IReadOnlyList<BuildingBlocks.Errors.FieldViolation> Errors);

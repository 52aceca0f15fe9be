using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.Rules;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Edits;
using RevenueCycle.ReferenceData.Icd10Cm;

namespace RevenueCycle.Coding.Domain.UseCases;

/// <summary>
/// The coding end of the denial-feedback loop: coding-rooted denials, and coding-rooted front-end rejections (a
/// 277CA that refuses a diagnosis or procedure code), become correction tasks; completing one publishes
/// coding-corrected (in the same commit) so submission sends the corrected claim.
/// </summary>
public sealed class CorrectionUseCases(IDocumentStore store, ReferenceDataCatalog codeSets, DenialStatistics statistics, TimeProvider clock)
    : IIntegrationEventHandler<ClaimDeniedIntegrationEvent>, IIntegrationEventHandler<ClaimRejectedIntegrationEvent>, IIntegrationEventHandler<ClaimSubmittedIntegrationEvent>
{
    public const string CodingRootCause = "coding";

    private static string Key(string id) => $"correction:{id}";

    private static string QueueIndex(CorrectionStatus status) => $"corrections:{status.ToString().ToLowerInvariant()}";

    /// <summary>Open tasks of one claim: closed when a newer version of the claim is submitted some other way.</summary>
    private static string OpenByClaimIndex(string claimId) => $"corrections-open-claim:{claimId}";

    /// <summary>
    /// Opens a correction task for a coding denial and adds it to the denial statistics, in one commit. The task id
    /// comes from the event id, so a redelivered event finds its task.
    /// </summary>
    public async Task HandleAsync(ClaimDeniedIntegrationEvent denial, CancellationToken cancellationToken)
    {
        if (!string.Equals(denial.RootCause, CodingRootCause, StringComparison.OrdinalIgnoreCase))
        {
            return; // billing and front-end denials are worked in posting's denial worklist
        }

        var now = clock.GetUtcNow();
        var task = new CorrectionTask(
            "corr_" + denial.Id, denial.ClaimId, denial.PayerClaimControlNumber, denial.PayerId, denial.LineItemControlNumber ?? "",
            denial.ProcedureCode ?? "", denial.Modifiers, denial.GroupCode, denial.ReasonCode, denial.RemarkCodes, denial.DeniedCents,
            CorrectionStatus.Open, now, denial.Id, [], [], "", null, denial.ServiceDate);
        await store.HandleOnceAsync(denial.Id, async changes =>
        {
            Open(changes, task, now);
            await statistics.RecordAsync(denial, changes, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Opens a claim-level correction task for a rejection whose root cause is coding. The claim never reached
    /// adjudication, so there is no payer claim number: the fix goes out as a corrected original claim.
    /// </summary>
    public async Task HandleAsync(ClaimRejectedIntegrationEvent rejection, CancellationToken cancellationToken)
    {
        if (!string.Equals(rejection.RootCause, CodingRootCause, StringComparison.OrdinalIgnoreCase))
        {
            return; // billing and front-end rejections are worked in submission
        }

        var now = clock.GetUtcNow();
        var task = new CorrectionTask(
            "corr_" + rejection.Id, rejection.ClaimId, "", rejection.PayerId, "", "", [], "", string.Join(" ", rejection.StatusCodes), [rejection.Source], 0,
            CorrectionStatus.Open, now, rejection.Id, [], [], "", null, null);
        await store.HandleOnceAsync(rejection.Id, changes =>
        {
            Open(changes, task, now);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>
    /// A version of a claim was submitted: its line codes go to the denial statistics, and the claim's tasks still open
    /// from before are closed — the claim was corrected some other way (billing's <c>claims correct</c>, a resubmission),
    /// so there is nothing left for the coders to fix. A coder's own correction completed its task before this arrives.
    /// </summary>
    public Task HandleAsync(ClaimSubmittedIntegrationEvent submitted, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(submitted.Id, async changes =>
        {
            await statistics.RememberLinesAsync(submitted, changes, cancellationToken);
            if (submitted.VersionNumber <= 1)
            {
                return; // an original: no task can be about an earlier version
            }

            var open = await store.RangeAsync(OpenByClaimIndex(submitted.ClaimId), null, 100, cancellationToken: cancellationToken);
            foreach (var task in await store.GetManyAsync<CorrectionTask>(open.Select(e => Key(e.Member)).ToArray(), cancellationToken))
            {
                if (task.Value.Status != CorrectionStatus.Open || task.Value.CreatedAt > submitted.OccurredAt)
                {
                    continue;
                }

                var closed = task.Value with
                {
                    Status = CorrectionStatus.Completed, CompletedAt = submitted.OccurredAt,
                    Resolution = $"the claim was corrected outside the coding queue: version {submitted.VersionNumber} submitted",
                };
                changes.Put(Key(closed.TaskId), closed, task.Version)
                    .Unindex(QueueIndex(CorrectionStatus.Open), closed.TaskId)
                    .Unindex(OpenByClaimIndex(closed.ClaimId), closed.TaskId)
                    .Index(QueueIndex(CorrectionStatus.Completed), closed.TaskId, submitted.OccurredAt.ToUnixTimeMilliseconds());
            }
        }, cancellationToken);

    private static void Open(ChangeSet changes, CorrectionTask task, DateTimeOffset now) =>
        changes.Put(Key(task.TaskId), task, ChangeSet.New)
            .Index(QueueIndex(CorrectionStatus.Open), task.TaskId, now.ToUnixTimeMilliseconds())
            .Index(OpenByClaimIndex(task.ClaimId), task.TaskId, now.ToUnixTimeMilliseconds());

    /// <summary>Tasks in one status, oldest first; the page token is a cursor, so completing tasks while paging skips none.</summary>
    public Task<Page<CorrectionTask>> ListAsync(CorrectionStatus status, int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<CorrectionTask>(QueueIndex(status == CorrectionStatus.Unspecified ? CorrectionStatus.Open : status), Key, pageToken, pageSize, descending: false, cancellationToken);

    public async Task<CorrectionTask> GetAsync(string taskId, CancellationToken cancellationToken) =>
        (await store.GetAsync<CorrectionTask>(Key(taskId), cancellationToken))?.Value ?? throw new NotFoundException("Correction task", taskId);

    /// <summary>Records the corrected codes and publishes coding-corrected. A completed task answers a retry with itself.</summary>
    public async Task<CorrectionTask> CompleteAsync(string taskId, string idempotencyKey, IReadOnlyList<Diagnosis> diagnoses, IReadOnlyList<CorrectedLine> lines, string actor, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(taskId, "task_id")
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(lines.Count > 0 || diagnoses.Count > 0, "corrected_lines", "give the corrected diagnoses or lines")
            .ThrowIfInvalid();

        var fingerprint = DocumentStoreExtensions.Fingerprint(new { taskId, diagnoses, lines });
        return await store.ExecuteAsync(idempotencyKey, fingerprint, async changes =>
        {
            var current = await store.GetAsync<CorrectionTask>(Key(taskId), cancellationToken) ?? throw new NotFoundException("Correction task", taskId);
            if (current.Value.Status == CorrectionStatus.Completed)
            {
                throw new PreconditionFailedException($"Correction task '{taskId}' was already completed by {current.Value.CompletedBy}.");
            }

            ValidateCodes(current.Value.ServiceDate, diagnoses, lines);

            var now = clock.GetUtcNow();
            var normalized = diagnoses.Select(d => d with { Code = Icd10CmEdition.Normalize(d.Code) }).ToArray();
            var completed = current.Value with
            {
                Status = CorrectionStatus.Completed, CorrectedDiagnoses = normalized, CorrectedLines = lines,
                CompletedBy = actor, CompletedAt = now,
            };
            changes.Put(Key(taskId), completed, current.Version)
                .Unindex(QueueIndex(CorrectionStatus.Open), taskId)
                .Unindex(OpenByClaimIndex(completed.ClaimId), taskId)
                .Index(QueueIndex(CorrectionStatus.Completed), taskId, now.ToUnixTimeMilliseconds())
                .Publish(new CodingCorrectedIntegrationEvent(
                    taskId, completed.ClaimId, completed.PayerClaimControlNumber, completed.SourceEventId,
                    normalized.Select(d => d.Code).ToArray(),
                    lines.Select(l => new CorrectedLineCodes(l.LineItemControlNumber, Icd10CmEdition.Normalize(l.ProcedureCode), l.Modifiers, l.Units, l.DiagnosisPointers)).ToArray()));
            return completed;
        }, cancellationToken: cancellationToken);
    }

    /// <summary>Checks corrected codes against the code sets in force on the denied service's date (today when unknown).</summary>
    private void ValidateCodes(DateOnly? serviceDate, IReadOnlyList<Diagnosis> diagnoses, IReadOnlyList<CorrectedLine> lines)
    {
        var codes = codeSets.Current.For(serviceDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var procedures = lines.Select(l => new CodedProcedure(l.ProcedureCode, l.Modifiers, l.Units, l.DiagnosisPointers)).ToArray();
        // A corrected line without pointers keeps the claim's; without diagnoses, the claim's diagnoses stay.
        var findings = CodeValidator.Validate(codes, PatientContext.Unknown, diagnoses, procedures)
            .Where(f => f.Severity == Severity.Reject && f.RuleId != "PTR-REQUIRED" && !(diagnoses.Count == 0 && f.RuleId is "DX-REQUIRED" or "PTR-INVALID"))
            .ToArray();
        var validator = new Validator();
        foreach (var finding in findings)
        {
            validator.Add(finding.Field.Replace("diagnoses", "corrected_diagnoses", StringComparison.Ordinal).Replace("procedures", "corrected_lines", StringComparison.Ordinal), finding.Message);
        }

        validator.ThrowIfInvalid();
    }
}

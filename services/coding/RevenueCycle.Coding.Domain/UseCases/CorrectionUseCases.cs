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
    : IIntegrationEventHandler<ClaimDeniedIntegrationEvent>, IIntegrationEventHandler<ClaimRejectedIntegrationEvent>
{
    public const string CodingRootCause = "coding";

    private static string Key(string id) => $"correction:{id}";

    private static string QueueIndex(CorrectionStatus status) => $"corrections:{status.ToString().ToLowerInvariant()}";

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
            changes.Put(Key(task.TaskId), task, ChangeSet.New).Index(QueueIndex(CorrectionStatus.Open), task.TaskId, now.ToUnixTimeMilliseconds());
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
            changes.Put(Key(task.TaskId), task, ChangeSet.New).Index(QueueIndex(CorrectionStatus.Open), task.TaskId, now.ToUnixTimeMilliseconds());
            return Task.CompletedTask;
        }, cancellationToken);
    }

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

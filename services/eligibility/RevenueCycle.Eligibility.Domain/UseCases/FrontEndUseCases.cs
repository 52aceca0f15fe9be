using System.Globalization;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Eligibility.Domain.Model;

namespace RevenueCycle.Eligibility.Domain.UseCases;

/// <summary>
/// The front-end loop. Denials (claim-denied) and rejections (claim-rejected) whose root cause is the front end
/// (eligibility, registration, coordination of benefits, authorization) open a task per claim on the registrars'
/// worklist, with the payer's answer that was in force on the date of service (what was known when the claim went
/// out) and what to do. A registrar resolves it by naming the coverage to bill and/or the authorization obtained;
/// front-end-corrected tells submission to send the corrected claim. From claim-submitted this service keeps which
/// coverage and patient each claim billed, counts the units the claim uses of the patient's authorizations, and
/// closes a task whose claim went out again corrected some other way.
/// </summary>
public sealed class FrontEndUseCases(
    IDocumentStore store, CoverageUseCases coverages, EligibilityUseCases eligibility, AuthorizationUseCases authorizations, TimeProvider clock)
    : IIntegrationEventHandler<ClaimSubmittedIntegrationEvent>, IIntegrationEventHandler<ClaimDeniedIntegrationEvent>, IIntegrationEventHandler<ClaimRejectedIntegrationEvent>
{
    public const string FrontEndRootCause = "front-end";

    private static string Key(string taskId) => $"front-end-task:{taskId}";

    private static string OpenOfClaimKey(string claimId) => $"front-end-open:{claimId}";

    private static string ContextKey(string claimId) => $"claim-context:{claimId}";

    public static string QueueIndex(FrontEndTaskStatus status) => $"front-end:{status.ToString().ToLowerInvariant()}";

    public Task HandleAsync(ClaimSubmittedIntegrationEvent submitted, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(submitted.Id, async changes =>
        {
            await authorizations.ConsumeAsync(submitted, changes, cancellationToken);
            var existing = await store.GetAsync<SubmittedClaimContext>(ContextKey(submitted.ClaimId), cancellationToken);
            if (existing is null || existing.Value.Version <= submitted.VersionNumber)
            {
                var first = submitted.Lines.Select(l => l.ServiceDate).Where(d => d.HasValue).Min();
                changes.Put(ContextKey(submitted.ClaimId), new SubmittedClaimContext(submitted.ClaimId, submitted.VersionNumber, submitted.PayerId, submitted.PatientId, submitted.CoverageId, first),
                    existing?.Version ?? ChangeSet.New);
            }

            if (await OpenTaskAsync(submitted.ClaimId, cancellationToken) is not { } open)
            {
                return;
            }

            if (submitted.VersionNumber > 1 && open.Value.CreatedAt <= submitted.OccurredAt)
            {
                // A newer version went out while the task was open: the claim was corrected some other way.
                await ResolveAsync(changes, open, submitted.OccurredAt, $"version {submitted.VersionNumber} of the claim was sent", "", "", cancellationToken);
            }
            else if (open.Value.PatientId.Length == 0 && submitted.PatientId.Length > 0)
            {
                // The denial came first (events are not ordered across topics): the task learns what the claim billed now.
                var context = new SubmittedClaimContext(submitted.ClaimId, submitted.VersionNumber, submitted.PayerId, submitted.PatientId, submitted.CoverageId,
                    submitted.Lines.Select(l => l.ServiceDate).Where(d => d.HasValue).Min());
                var (snapshotId, knownThen) = await KnownThenAsync(context, open.Value.PayerId, open.Value.Denials[0].ServiceDate, cancellationToken);
                changes.Put(Key(open.Value.TaskId), open.Value with
                {
                    PatientId = context.PatientId, CoverageId = context.CoverageId, SnapshotId = snapshotId, KnownThen = knownThen,
                }, open.Version);
            }
        }, cancellationToken);

    public Task HandleAsync(ClaimDeniedIntegrationEvent denial, CancellationToken cancellationToken)
    {
        if (!string.Equals(denial.RootCause, FrontEndRootCause, StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask; // coding and billing denials are worked elsewhere
        }

        var found = new FrontEndDenial(denial.Id, "835", denial.Category, denial.GroupCode, denial.ReasonCode, denial.RemarkCodes, denial.LineItemControlNumber ?? "",
            denial.ProcedureCode ?? "", denial.DeniedCents, denial.ServiceDate);
        return OpenOrAddAsync(denial.Id, denial.ClaimId, denial.PayerId, denial.PayerClaimControlNumber, found, cancellationToken);
    }

    public Task HandleAsync(ClaimRejectedIntegrationEvent rejection, CancellationToken cancellationToken)
    {
        if (!string.Equals(rejection.RootCause, FrontEndRootCause, StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        var found = new FrontEndDenial(rejection.Id, rejection.Source, "rejection", "", string.Join(" ", rejection.StatusCodes), [], "", "", 0, null);
        return OpenOrAddAsync(rejection.Id, rejection.ClaimId, rejection.PayerId, "", found, cancellationToken);
    }

    public Task<Page<FrontEndTask>> ListAsync(FrontEndTaskStatus status, int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<FrontEndTask>(QueueIndex(status == FrontEndTaskStatus.Unspecified ? FrontEndTaskStatus.Open : status), Key, pageToken, pageSize,
            descending: status == FrontEndTaskStatus.Resolved, cancellationToken);

    public async Task<Versioned<FrontEndTask>> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(taskId, "task_id").ThrowIfInvalid();
        return await store.GetAsync<FrontEndTask>(Key(taskId), cancellationToken) ?? throw new NotFoundException("Front-end task", taskId);
    }

    /// <summary>
    /// A registrar's fix: the coverage to bill now (registered for the patient) and/or the authorization obtained (on
    /// file for that payer and patient). The task is resolved and front-end-corrected published in one commit; the
    /// same fix sent again returns the resolved task and publishes nothing.
    /// </summary>
    public async Task<FrontEndTask> ResolveAsync(string taskId, string coverageId, string authorizationId, string note, CancellationToken cancellationToken)
    {
        var task = await GetAsync(taskId, cancellationToken);
        var t = task.Value;
        var v = new Validator().Require(coverageId.Trim().Length > 0 || authorizationId.Trim().Length > 0, "coverage_id", "or authorization_id is required: the fix names what the claim bills now")
            .Require(note.Length <= 500, "note", "is longer than 500 characters");
        v.ThrowIfInvalid();
        if (t.Status == FrontEndTaskStatus.Resolved)
        {
            return t.CorrectedCoverageId == coverageId.Trim() && t.AuthorizationId == authorizationId.Trim()
                ? t
                : throw new PreconditionFailedException($"Front-end task '{taskId}' was already resolved ({t.Resolution}).");
        }

        var patientId = t.PatientId;
        var payerId = t.PayerId;
        if (coverageId.Trim().Length > 0)
        {
            var coverage = (await coverages.GetAsync(coverageId.Trim(), cancellationToken)).Value;
            v.Require(patientId.Length == 0 || coverage.PatientId == patientId, "coverage_id", "is a coverage of another patient");
            payerId = coverage.Payer.PayerId;
            patientId = patientId.Length > 0 ? patientId : coverage.PatientId;
        }

        if (authorizationId.Trim().Length > 0)
        {
            var authorization = (await authorizations.GetAsync(authorizationId.Trim(), cancellationToken)).Value;
            v.Require(patientId.Length == 0 || authorization.PatientId == patientId, "authorization_id", "is an authorization of another patient")
                .Require(string.Equals(authorization.PayerId, payerId, StringComparison.OrdinalIgnoreCase), "authorization_id", "was granted by another payer than the one the claim bills");
        }

        v.ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var changes = new ChangeSet();
        var resolution = note.Trim().Length > 0 ? note.Trim() : "corrected by the front desk";
        var resolved = await ResolveAsync(changes, task, now, resolution, coverageId.Trim(), authorizationId.Trim(), cancellationToken);
        changes.Publish(new FrontEndCorrectedIntegrationEvent(t.TaskId, t.ClaimId, t.PayerClaimControlNumber, t.Denials[0].EventId, coverageId.Trim(), authorizationId.Trim()));
        if (!(await store.CommitAsync(changes, cancellationToken)).IsCommitted)
        {
            throw new ConcurrencyConflictException("Front-end task", taskId);
        }

        return resolved;
    }

    private async Task OpenOrAddAsync(string eventId, string claimId, string payerId, string payerClaimControlNumber, FrontEndDenial denial, CancellationToken cancellationToken)
    {
        var context = (await store.GetAsync<SubmittedClaimContext>(ContextKey(claimId), cancellationToken))?.Value;
        var (snapshotId, knownThen) = await KnownThenAsync(context, payerId, denial.ServiceDate, cancellationToken);
        var now = clock.GetUtcNow();
        await store.HandleOnceAsync(eventId, async changes =>
        {
            var pointer = await store.GetAsync<string>(OpenOfClaimKey(claimId), cancellationToken);
            if (await OpenTaskAsync(claimId, cancellationToken) is { } open)
            {
                var t = open.Value;
                changes.Put(Key(t.TaskId), t with
                {
                    Denials = [.. t.Denials, denial],
                    PayerClaimControlNumber = t.PayerClaimControlNumber.Length > 0 ? t.PayerClaimControlNumber : payerClaimControlNumber,
                    Guidance = string.Join(" ", new[] { t.Guidance, Guidance(denial) }.Distinct()),
                }, open.Version);
                return;
            }

            var task = new FrontEndTask("fe_" + eventId, claimId, payerId, payerClaimControlNumber, context?.PatientId ?? "", context?.CoverageId ?? "", FrontEndTaskStatus.Open,
                [denial], snapshotId, knownThen, Guidance(denial), now, null, "", "", "");
            // The claim's pointer to its open task is versioned: two denials of one claim at once make one task.
            changes.Put(Key(task.TaskId), task, ChangeSet.New)
                .Put(OpenOfClaimKey(claimId), task.TaskId, pointer?.Version ?? ChangeSet.New)
                .Index(QueueIndex(FrontEndTaskStatus.Open), task.TaskId, now.ToUnixTimeMilliseconds());
        }, cancellationToken);
    }

    private async Task<Versioned<FrontEndTask>?> OpenTaskAsync(string claimId, CancellationToken cancellationToken) =>
        await store.GetAsync<string>(OpenOfClaimKey(claimId), cancellationToken) is { Value.Length: > 0 } id ? await store.GetAsync<FrontEndTask>(Key(id.Value), cancellationToken) : null;

    private async Task<FrontEndTask> ResolveAsync(ChangeSet changes, Versioned<FrontEndTask> task, DateTimeOffset at, string resolution, string coverageId, string authorizationId,
        CancellationToken cancellationToken)
    {
        var resolved = task.Value with
        {
            Status = FrontEndTaskStatus.Resolved, ResolvedAt = at, Resolution = resolution, CorrectedCoverageId = coverageId, AuthorizationId = authorizationId,
        };
        var pointer = await store.GetAsync<string>(OpenOfClaimKey(resolved.ClaimId), cancellationToken);
        changes.Put(Key(resolved.TaskId), resolved, task.Version)
            .Put(OpenOfClaimKey(resolved.ClaimId), "", pointer?.Version ?? ChangeSet.New)
            .Unindex(QueueIndex(FrontEndTaskStatus.Open), resolved.TaskId)
            .Index(QueueIndex(FrontEndTaskStatus.Resolved), resolved.TaskId, at.ToUnixTimeMilliseconds());
        return resolved;
    }

    /// <summary>The payer's answer in force on the date of service for the coverage (or patient) the claim billed, and a line saying what it said.</summary>
    private async Task<(string SnapshotId, string Summary)> KnownThenAsync(SubmittedClaimContext? context, string payerId, DateOnly? serviceDate, CancellationToken cancellationToken)
    {
        var dos = serviceDate ?? context?.FirstDateOfService;
        if (context is null || dos is null)
        {
            return ("", "the claim's coverage is not known here (it was sent before eligibility kept claims): check the member with the payer");
        }

        EligibilitySnapshot? snapshot = null;
        if (context.CoverageId.Length > 0 && await TryCoverageAsync(context.CoverageId, cancellationToken) is { } coverage)
        {
            snapshot = await eligibility.InForceAsync(coverage.Payer.PayerId, coverage.Subscriber.MemberId, dos.Value, cancellationToken);
        }

        if (snapshot is null && context.PatientId.Length > 0)
        {
            snapshot = await eligibility.InForceForPatientAsync(context.PatientId, payerId, dos.Value, cancellationToken);
        }

        return snapshot is null
            ? ("", string.Create(CultureInfo.InvariantCulture, $"eligibility was never checked with payer {payerId} for this patient before {dos:yyyy-MM-dd}"))
            : (snapshot.SnapshotId, Summary(snapshot));
    }

    private async Task<Coverage?> TryCoverageAsync(string coverageId, CancellationToken cancellationToken)
    {
        try
        {
            return (await coverages.GetAsync(coverageId, cancellationToken)).Value;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>What a 271 said, in one line: when, the outcome, the plan, other coverage, what needed authorization.</summary>
    public static string Summary(EligibilitySnapshot s)
    {
        var r = s.Result;
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"271 of {s.ReceivedAt:yyyy-MM-dd}: {r.Outcome.ToString().ToLowerInvariant()}") };
        if (r.PlanName.Length > 0)
        {
            parts.Add($"plan {r.PlanName}");
        }

        if (r.CoverageTo is { } end)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"coverage ended {end:yyyy-MM-dd}"));
        }

        parts.AddRange(r.OtherCoverage.Select(o => $"other coverage {o.PayerName}{(o.Priority.Length > 0 ? " (" + o.Priority + ")" : "")}"));
        if (r.AuthorizationRequired.Count > 0)
        {
            parts.Add($"authorization required for service types {string.Join(", ", r.AuthorizationRequired)}");
        }

        parts.AddRange(r.Rejections.Where(x => x.ReasonCode.Length > 0).Select(x => $"AAA {x.ReasonCode} {x.Reason}"));
        return string.Join("; ", parts);
    }

    private static string Guidance(FrontEndDenial denial) => denial.Category switch
    {
        "CoordinationOfBenefits" => "Another payer is primary: order the coverages (rcm eligibility cob), register the primary's coverage and resolve with it; this payer then gets the claim as secondary.",
        "Authorization" => "Obtain the authorization or referral (a retro-authorization if the payer allows it), record it (rcm auth add) and resolve with it: the claim goes out again with its number.",
        "rejection" => "The payer could not identify the member: verify the member id, name and date of birth with the payer (rcm eligibility check), correct the coverage and resolve with it.",
        _ => "The payer found no coverage on the date of service: verify with the payer (rcm eligibility check), register the coverage in force then (or another payer's) and resolve with it; if there is none, the balance is the patient's.",
    };
}

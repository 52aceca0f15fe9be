using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Submission.Domain.Model;
using RevenueCycle.Submission.Domain.Ports;

namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>
/// Claim submission: scrub first, record the version, queue clean ones for the next transmission (publishing
/// claim-submitted in the same commit); replacements (frequency 7) from coding corrections or the API and voids
/// (8) cite the payer's claim number. Billing's worklists (rejected claims, claims not yet on file by deadline) are
/// kept with every record written.
/// </summary>
public sealed class ClaimUseCases(IDocumentStore store, IClaimScrubber scrubber, TimeProvider clock, ICoverageDirectory? coverages = null)
    : IIntegrationEventHandler<CodingCorrectedIntegrationEvent>, IIntegrationEventHandler<FrontEndCorrectedIntegrationEvent>
{
    private static string Key(string claimId) => ClaimKeys.Claim(claimId);

    public Task<ClaimRecord> SubmitAsync(string idempotencyKey, Claim claim, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(claim.Frequency is ClaimFrequency.Original or ClaimFrequency.Unspecified, "claim.frequency", "must be original (1); replacements come from corrections")
            .Require(claim.ClaimId.Length <= 20, "claim.claim_id", "is longer than 20 characters")
            // CLP01 on the 835 is how a remittance finds its claim, so CLM01 is the claim id.
            .Require(claim.PatientControlNumber.Length == 0 || claim.PatientControlNumber == claim.ClaimId, "claim.patient_control_number",
                "must be empty or equal to claim_id: remittances are matched to claims by it")
            .Require(Money.InRange(claim.TotalChargeCents), "claim.total_charge_cents", Money.RangeMessage);
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            validator.Require(Money.InRange(claim.Lines[i].ChargeCents), $"claim.lines[{i}].charge_cents", Money.RangeMessage);
        }

        validator.Require(claim.Lines.Count <= 999, "claim.lines", "has more than 999 lines").ThrowIfInvalid();

        // The fingerprint is of the claim as sent to us; a retry of a key already done returns before asking eligibility.
        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(claim), async changes =>
        {
            var (coordinated, cob) = await CoordinateAsync(claim, cancellationToken);
            var prepared = Prepare(coordinated);
            if (await store.GetAsync<ClaimRecord>(Key(prepared.ClaimId), cancellationToken) is { } existing)
            {
                if (existing.Value.EverSent)
                {
                    throw new PreconditionFailedException($"Claim '{prepared.ClaimId}' was sent to the payer; correct it (a replacement claim) or void it instead of submitting it again.");
                }

                // Never sent (refused by the scrubber, or still queued): the claim is fixed by submitting it again under its id.
                return await ReplaceDraftAsync(existing, prepared, ClaimFrequency.Original, "api resubmission", changes, cancellationToken, cob);
            }

            var record = await NewRecordAsync(prepared, "", changes, cancellationToken);
            if (cob.Length > 0)
            {
                record = record.WithLatest(record.Latest.Noting(clock.GetUtcNow(), "cob", cob));
            }

            changes.PutClaim(record, ChangeSet.New);
            return record;
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A new claim bills the patient's coverages in their coordination-of-benefits order (eligibility's NAIC and Medicare
    /// Secondary Payer rules on the date of service): the primary as the payer (SBR01 P), the next as the secondary that
    /// gets the claim once the primary has adjudicated. A patient with no coverage registered keeps the claim's own
    /// payers; a patient eligibility cannot look up (no order) keeps them too and the history says so; eligibility
    /// being down fails the call, to be retried. The note names payers and rules only, never the patient.
    /// </summary>
    private async Task<(Claim Claim, string Note)> CoordinateAsync(Claim claim, CancellationToken cancellationToken)
    {
        if (coverages is null || claim.PriorPayers.Count > 0 || claim.Patient is not { PatientId.Length: > 0 } patient || claim.FirstDateOfService is not { } dateOfService)
        {
            return (claim, "");
        }

        var order = await coverages.CoordinationAsync(patient.PatientId, dateOfService, cancellationToken);
        if (order is null)
        {
            return (claim, "coordination of benefits not checked: eligibility could not look the patient up; billed to the payers as submitted");
        }

        if (order.Count == 0)
        {
            return (claim, "");
        }

        var primary = order[0].Coverage;
        var secondary = order.Count > 1 ? order[1].Coverage : null;
        var (payer, subscriber) = Billed(primary, claim.Payer, claim.Subscriber, claim.Patient);
        var (secondaryPayer, secondarySubscriber) = secondary is not null ? Billed(secondary, claim.SecondaryPayer, claim.SecondarySubscriber, claim.Patient)
            : claim.SecondaryPayer is { } own && !SamePayer(own, primary.Payer) ? (own, claim.SecondarySubscriber) : (null, null);
        var moved = claim.Payer is { } submitted && !SamePayer(submitted, primary.Payer) ? $" (submitted to payer {submitted.PayerId})" : "";
        var note = $"coordination of benefits: primary payer {primary.Payer.PayerId}{moved}: {order[0].Reason}"
            + (secondary is not null ? $"; secondary payer {secondary.Payer.PayerId}: {order[1].Reason}" : "")
            + (order.Count > 2 ? $"; {order.Count - 2} more coverage(s) after the secondary are billed by hand" : "");
        return (claim with
        {
            Payer = payer,
            Subscriber = subscriber,
            CoverageId = primary.CoverageId,
            SecondaryPayer = secondaryPayer,
            SecondarySubscriber = secondarySubscriber,
        }, note);
    }

    /// <summary>
    /// The payer and subscriber a claim bills for a coverage on file. The claim's own are kept when they are the same
    /// payer and member (they carry the names and addresses a registration may lack); otherwise the coverage's, and a
    /// subscriber who is the patient but registered by member id alone takes the patient's name, birth date and address.
    /// </summary>
    private static (Payer Payer, Subscriber Subscriber) Billed(CoverageOnFile coverage, Payer? claimPayer, Subscriber? claimSubscriber, Patient? patient)
    {
        if (claimPayer is not null && claimSubscriber is not null && SamePayer(claimPayer, coverage.Payer)
            && string.Equals(claimSubscriber.MemberId, coverage.Subscriber.MemberId, StringComparison.OrdinalIgnoreCase))
        {
            return (claimPayer, claimSubscriber);
        }

        var subscriber = coverage.Subscriber;
        if (patient is not null && subscriber.RelationshipToPatient is Relationship.Self or Relationship.Unspecified)
        {
            subscriber = subscriber with
            {
                Name = subscriber.Name.Last.Length > 0 ? subscriber.Name : patient.Name,
                DateOfBirth = subscriber.DateOfBirth ?? patient.DateOfBirth,
                Sex = subscriber.Sex != Sex.Unspecified ? subscriber.Sex : patient.Sex,
                Address = subscriber.Address.Line1.Length > 0 ? subscriber.Address : patient.Address,
            };
        }

        var payer = coverage.Payer.Name.Length > 0 || claimPayer is null || !SamePayer(claimPayer, coverage.Payer) ? coverage.Payer : claimPayer;
        return (payer, subscriber);
    }

    private static bool SamePayer(Payer a, Payer b) => string.Equals(a.PayerId, b.PayerId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Claims whose latest version the 999 or 277CA rejected, oldest first: billing's rejection worklist.</summary>
    public Task<Page<ClaimRecord>> RejectedAsync(int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<ClaimRecord>(ClaimKeys.Rejected, Key, pageToken, pageSize, descending: false, cancellationToken);

    /// <summary>
    /// Claims the payer does not have on file yet whose filing deadline falls on or before <paramref name="dueBy"/>
    /// (past deadlines included), nearest deadline first: what must go out, or be fixed, before it is too late.
    /// </summary>
    public async Task<Page<ClaimRecord>> UnfiledAsync(DateOnly dueBy, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var size = PageToken.Size(pageSize);
        var entries = await store.RangeAsync(ClaimKeys.Unfiled, PageToken.Decode(pageToken), size + 1, descending: false, cancellationToken);
        var due = entries.TakeWhile(e => e.Score <= dueBy.DayNumber).ToList();
        var page = due.Take(size).ToList();
        var records = await store.GetManyAsync<ClaimRecord>(page.Select(e => Key(e.Member)).ToArray(), cancellationToken);
        return new Page<ClaimRecord>(records.Select(r => r.Value).ToArray(), due.Count > size ? PageToken.Encode(page[^1]) : "");
    }

    public async Task<ClaimRecord> GetAsync(string claimId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(claimId, "claim_id").ThrowIfInvalid();
        return (await store.GetAsync<ClaimRecord>(Key(claimId), cancellationToken))?.Value ?? throw new NotFoundException("Claim", claimId);
    }

    /// <summary>Builds, scrubs and records a replacement claim from corrected codes; once per event.</summary>
    public async Task HandleAsync(CodingCorrectedIntegrationEvent corrected, CancellationToken cancellationToken)
    {
        await store.HandleOnceAsync(corrected.Id, async changes =>
        {
            var current = await store.GetAsync<ClaimRecord>(Key(corrected.ClaimId), cancellationToken)
                ?? throw new NotFoundException("Claim", corrected.ClaimId); // retried, then dead-lettered: never dropped
            var latest = current.Value.Latest;
            var replacement = ApplyCorrection(latest.Claim, corrected, current.Value.PayerClaimControlNumber);
            var version = await ScrubbedVersionAsync(replacement, latest.VersionNumber + 1, corrected.Id, cancellationToken);
            var superseded = latest.Becomes(ClaimStatus.Corrected, clock.GetUtcNow(), "coding-corrected", corrected.Id);
            var record = current.Value with { Versions = [.. current.Value.Versions.SkipLast(1), superseded, version] };
            changes.PutClaim(record, current.Version);
            PublishIfQueued(changes, version, current.Value.SecondaryOf);
        }, cancellationToken);
    }

    /// <summary>
    /// A registrar fixed the claim's coverage or authorization: the claim goes out again billing the coverage named (its
    /// payer and subscriber) and carrying the authorization's number. To the same payer, which has the claim on file, it
    /// is a replacement (7) citing the payer's claim number; to another payer, or after a front-end rejection (nothing on
    /// file), a corrected original (1). A claim never sent is simply corrected in place.
    /// </summary>
    public async Task HandleAsync(FrontEndCorrectedIntegrationEvent fix, CancellationToken cancellationToken)
    {
        if (coverages is null)
        {
            throw new InvalidOperationException("Submission has no coverage directory (Services:Eligibility): the front-end fix cannot be applied.");
        }

        // Read before the commit loop: they do not change with the claim record.
        var coverage = fix.CoverageId.Length > 0 ? await coverages.CoverageAsync(fix.CoverageId, cancellationToken) : null;
        var authorization = fix.AuthorizationId.Length > 0 ? await coverages.AuthorizationAsync(fix.AuthorizationId, cancellationToken) : null;
        await store.HandleOnceAsync(fix.Id, async changes =>
        {
            var current = await store.GetAsync<ClaimRecord>(Key(fix.ClaimId), cancellationToken)
                ?? throw new NotFoundException("Claim", fix.ClaimId); // retried, then dead-lettered: never dropped
            var record = current.Value;
            var content = record.Latest.Claim;
            var samePayer = coverage is null || string.Equals(coverage.Payer.PayerId, content.Payer?.PayerId, StringComparison.OrdinalIgnoreCase);
            if (coverage is not null)
            {
                content = content with { Payer = coverage.Payer, Subscriber = coverage.Subscriber, CoverageId = coverage.CoverageId };
            }

            if (authorization is not null)
            {
                content = authorization.Referral ? content with { ReferralNumber = authorization.Number } : content with { PriorAuthorizationNumber = authorization.Number };
            }

            var icn = record.PayerClaimControlNumber.Length > 0 ? record.PayerClaimControlNumber : fix.PayerClaimControlNumber;
            var onFile = record.EverSent && samePayer && icn.Length > 0 && record.Latest.Status != ClaimStatus.Rejected;
            if (!record.EverSent || record.HasDraft)
            {
                await ReplaceDraftAsync(current, content with { PayerClaimControlNumber = record.HasDraft && onFile ? content.PayerClaimControlNumber : "" },
                    record.HasDraft && onFile ? record.Latest.Claim.Frequency : ClaimFrequency.Original, "front-end-corrected", changes, cancellationToken);
                return;
            }

            await AppendVersionAsync(current, content, onFile ? ClaimFrequency.Replacement : ClaimFrequency.Original, onFile ? icn : "", ClaimStatus.Corrected,
                "front-end-corrected", fix.Id, changes, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// A replacement claim (frequency 7) with corrected content from the API: the payer's claim number is cited, the
    /// new version is scrubbed and queued, the old one marked corrected.
    /// </summary>
    public Task<ClaimRecord> CorrectAsync(string claimId, string idempotencyKey, Claim corrected, CancellationToken cancellationToken) =>
        NewVersionAsync(claimId, idempotencyKey, corrected, ClaimFrequency.Replacement, ClaimStatus.Corrected, "api correction", cancellationToken);

    /// <summary>A void (frequency 8) of the claim as last sent: it tells the payer to cancel its claim.</summary>
    public Task<ClaimRecord> VoidAsync(string claimId, string idempotencyKey, CancellationToken cancellationToken) =>
        NewVersionAsync(claimId, idempotencyKey, null, ClaimFrequency.Void, ClaimStatus.Voided, "api void", cancellationToken);

    /// <summary>A new claim's first version: scrubbed, recorded and, when clean, queued (the caller puts the record).</summary>
    public async Task<ClaimRecord> NewRecordAsync(Claim claim, string secondaryOf, ChangeSet changes, CancellationToken cancellationToken)
    {
        var (version, deadline) = await ScrubAsync(claim, 1, secondaryOf.Length == 0 ? "api" : $"secondary of {secondaryOf}", cancellationToken);
        // The filing clock is the payer's, from the scrubber's payer rules: the end of the deadline day.
        var filingDeadline = deadline is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero) : (DateTimeOffset?)null;
        var record = new ClaimRecord(claim.ClaimId, [version], filingDeadline, SecondaryOf: secondaryOf);
        PublishIfQueued(changes, version, secondaryOf);
        return record;
    }

    /// <summary>A replacement or void version; a void (<paramref name="corrected"/> null) repeats the content last sent.</summary>
    private Task<ClaimRecord> NewVersionAsync(string claimId, string idempotencyKey, Claim? corrected, ClaimFrequency frequency, ClaimStatus superseded, string origin, CancellationToken cancellationToken)
    {
        new Validator().RequireText(claimId, "claim_id").RequireText(idempotencyKey, "idempotency_key", 128).ThrowIfInvalid();
        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(new { claimId, frequency, corrected }), async changes =>
        {
            var current = await store.GetAsync<ClaimRecord>(Key(claimId), cancellationToken) ?? throw new NotFoundException("Claim", claimId);
            var record = current.Value;
            if (record.Latest.Claim.Frequency == ClaimFrequency.Void)
            {
                throw new PreconditionFailedException($"Claim '{claimId}' is voided; submit a new claim instead.");
            }

            var content = corrected ?? record.Latest.Claim;
            var icn = record.PayerClaimControlNumber.Length > 0 ? record.PayerClaimControlNumber : content.PayerClaimControlNumber;
            if (!record.EverSent)
            {
                // At no payer yet (refused by the scrubber, or queued): the correction is what goes out, as an original.
                return corrected is null
                    ? throw new PreconditionFailedException($"Claim '{claimId}' was never sent: there is nothing at the payer to void.")
                    : await ReplaceDraftAsync(current, corrected with { PayerClaimControlNumber = "" }, ClaimFrequency.Original, origin, changes, cancellationToken);
            }

            if (record.HasDraft)
            {
                // A replacement not sent yet: the correction takes its place, as the same kind of claim.
                return corrected is null
                    ? throw new PreconditionFailedException($"Claim '{claimId}' has a version not yet sent; wait until it is sent to void it.")
                    : await ReplaceDraftAsync(current, corrected with { PayerClaimControlNumber = record.Latest.Claim.PayerClaimControlNumber }, record.Latest.Claim.Frequency,
                        origin, changes, cancellationToken);
            }

            // A claim the payer's front end rejected is not on file there: it is corrected by sending it again as an original.
            var resend = icn.Length == 0 && frequency == ClaimFrequency.Replacement && record.Latest.Status == ClaimStatus.Rejected;
            if (icn.Length == 0 && !resend)
            {
                throw new PreconditionFailedException($"Claim '{claimId}' has no payer claim control number yet (it comes with the 277CA or 835): there is nothing at the payer to replace or void.");
            }

            return await AppendVersionAsync(current, content, resend ? ClaimFrequency.Original : frequency, icn, superseded, origin, "", changes, cancellationToken);
        }, cancellationToken: cancellationToken);
    }

    /// <summary>A new version in place of one that never went out (the scrubber refused it, or it is still queued); <paramref name="note"/> goes on its history.</summary>
    private Task<ClaimRecord> ReplaceDraftAsync(Versioned<ClaimRecord> current, Claim content, ClaimFrequency frequency, string origin, ChangeSet changes,
        CancellationToken cancellationToken, string note = "") =>
        AppendVersionAsync(current, content, frequency, content.PayerClaimControlNumber, ClaimStatus.Corrected, origin, "replaced before it was sent", changes, cancellationToken, note);

    /// <summary>
    /// Appends a version of <paramref name="content"/> (line numbers and control numbers kept, the total recomputed):
    /// scrubbed, recorded and queued when clean; the newest version before it becomes <paramref name="superseded"/>.
    /// </summary>
    private async Task<ClaimRecord> AppendVersionAsync(Versioned<ClaimRecord> current, Claim content, ClaimFrequency frequency, string payerClaimControlNumber,
        ClaimStatus superseded, string origin, string detail, ChangeSet changes, CancellationToken cancellationToken, string cobNote = "")
    {
        var record = current.Value;
        var latest = record.Latest;
        var claimId = record.ClaimId;
        var claim = content with
        {
            ClaimId = claimId, PatientControlNumber = latest.Claim.PatientControlNumber, Frequency = frequency, PayerClaimControlNumber = payerClaimControlNumber,
            Lines = content.Lines.Select((l, i) => l with
            {
                LineNumber = l.LineNumber == 0 ? (uint)(i + 1) : l.LineNumber,
                LineItemControlNumber = l.LineItemControlNumber.Length > 0 ? l.LineItemControlNumber : $"{claimId}-{(l.LineNumber == 0 ? i + 1 : l.LineNumber)}",
            }).ToArray(),
            TotalChargeCents = content.Lines.Sum(l => l.ChargeCents),
        };
        var version = await ScrubbedVersionAsync(claim, latest.VersionNumber + 1, origin, cancellationToken);
        if (cobNote.Length > 0)
        {
            version = version.Noting(clock.GetUtcNow(), "cob", cobNote);
        }

        var updated = record with { Versions = [.. record.Versions.SkipLast(1), latest.Becomes(superseded, clock.GetUtcNow(), origin, detail), version] };
        changes.PutClaim(updated, current.Version);
        PublishIfQueued(changes, version, record.SecondaryOf);
        return updated;
    }

    /// <summary>
    /// The corrected claim: a replacement (7) citing the payer's claim number, or, when the payer never took the claim
    /// in (rejected at the front end, so no claim number), a corrected original (1).
    /// </summary>
    private static Claim ApplyCorrection(Claim claim, CodingCorrectedIntegrationEvent corrected, string recordIcn)
    {
        var byControlNumber = corrected.Lines.ToDictionary(l => l.LineItemControlNumber, StringComparer.Ordinal);
        var lines = claim.Lines.Select(line => byControlNumber.TryGetValue(line.LineItemControlNumber, out var fix)
            ? line with { ProcedureCode = fix.ProcedureCode, Modifiers = fix.Modifiers, Units = fix.Units == 0 ? line.Units : fix.Units, DiagnosisPointers = fix.DiagnosisPointers.Count == 0 ? line.DiagnosisPointers : fix.DiagnosisPointers }
            : line).ToArray();
        var diagnoses = corrected.DiagnosisCodes.Count == 0 ? claim.Diagnoses : corrected.DiagnosisCodes.Select(c => new Diagnosis(c, "")).ToArray();
        var icn = !string.IsNullOrEmpty(corrected.PayerClaimControlNumber) ? corrected.PayerClaimControlNumber
            : claim.PayerClaimControlNumber.Length > 0 ? claim.PayerClaimControlNumber : recordIcn;
        return claim with
        {
            Frequency = icn.Length > 0 ? ClaimFrequency.Replacement : ClaimFrequency.Original,
            PayerClaimControlNumber = icn,
            Diagnoses = diagnoses,
            Lines = lines,
        };
    }

    private async Task<ClaimVersion> ScrubbedVersionAsync(Claim claim, int number, string origin, CancellationToken cancellationToken) =>
        (await ScrubAsync(claim, number, origin, cancellationToken)).Version;

    private async Task<(ClaimVersion Version, DateOnly? TimelyFilingDeadline)> ScrubAsync(Claim claim, int number, string origin, CancellationToken cancellationToken)
    {
        var outcome = await scrubber.ScrubAsync(claim, cancellationToken);
        var status = outcome.Findings.Any(f => f.Severity == Severity.Reject) ? ClaimStatus.ScrubRejected : ClaimStatus.Scrubbed;
        return (new ClaimVersion(number, claim, status, outcome.Findings, clock.GetUtcNow(), origin), outcome.TimelyFilingDeadline);
    }

    private void PublishIfQueued(ChangeSet changes, ClaimVersion version, string secondaryOf)
    {
        if (version.Status != ClaimStatus.Scrubbed)
        {
            return;
        }

        var claim = version.Claim;
        changes.Index(ClaimKeys.Queue, claim.ClaimId, clock.GetUtcNow().ToUnixTimeMilliseconds());
        changes.Publish(new ClaimSubmittedIntegrationEvent(
            claim.ClaimId, version.VersionNumber, ((int)claim.Frequency).ToString(System.Globalization.CultureInfo.InvariantCulture),
            claim.Payer?.PayerId ?? "", claim.Patient?.EffectiveAccountId ?? "", claim.TotalChargeCents,
            claim.Lines.Select(l => new SubmittedLineCodes(
                l.LineItemControlNumber, l.ProcedureCode, l.Modifiers,
                l.DiagnosisPointers.Where(p => p >= 1 && p <= claim.Diagnoses.Count)
                    .Select(p => claim.Diagnoses[(int)p - 1].Code.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant()).ToArray(),
                l.ServiceDateFrom, l.Units, l.ChargeCents, l.PlaceOfService)).ToArray(),
            claim.PlaceOfService, claim.Patient?.PatientId ?? "", claim.CoverageId, secondaryOf,
            claim.SecondaryPayer is not null && claim.SecondarySubscriber is not null && claim.PriorPayers.Count == 0,
            (claim.RenderingProvider ?? claim.BillingProvider)?.Npi ?? "", version.Findings.Count(f => f.Severity >= Severity.Warning)));
    }

    /// <summary>Assigns what the caller may leave empty: claim id, patient control number, line numbers and control numbers, total.</summary>
    private static Claim Prepare(Claim claim)
    {
        var claimId = string.IsNullOrWhiteSpace(claim.ClaimId) ? NewClaimId() : claim.ClaimId.Trim();
        var lines = claim.Lines.Select((l, i) =>
        {
            var number = l.LineNumber == 0 ? (uint)(i + 1) : l.LineNumber;
            return l with { LineNumber = number, LineItemControlNumber = string.IsNullOrWhiteSpace(l.LineItemControlNumber) ? $"{claimId}-{number}" : l.LineItemControlNumber };
        }).ToArray();
        return claim with
        {
            ClaimId = claimId,
            Frequency = ClaimFrequency.Original,
            PatientControlNumber = string.IsNullOrWhiteSpace(claim.PatientControlNumber) ? claimId : claim.PatientControlNumber,
            Lines = lines,
            TotalChargeCents = claim.TotalChargeCents == 0 ? lines.Sum(l => l.ChargeCents) : claim.TotalChargeCents,
        };
    }

    /// <summary>20 characters, so it also serves as the patient control number (CLM01 allows 20); time-ordered.</summary>
    private static string NewClaimId()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32
        var bytes = Guid.CreateVersion7().ToByteArray(bigEndian: true);
        var value = new System.Numerics.BigInteger(bytes.AsSpan(0, 12), isUnsigned: true, isBigEndian: true);
        var chars = new char[19];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = alphabet[(int)(value % 32)];
            value /= 32;
        }

        return "C" + new string(chars);
    }
}

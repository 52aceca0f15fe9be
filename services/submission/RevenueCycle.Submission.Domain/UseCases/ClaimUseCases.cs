using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Submission.Domain.Model;
using RevenueCycle.Submission.Domain.Ports;

namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>
/// Claim submission: scrub first, record the version, queue clean ones (publishing claim-submitted in the same
/// commit), and turn coding corrections into replacement versions (frequency 7 with the payer's claim number).
/// </summary>
public sealed class ClaimUseCases(IDocumentStore store, IClaimScrubber scrubber, TimelyFiling timelyFiling, TimeProvider clock)
    : IIntegrationEventHandler<CodingCorrectedIntegrationEvent>
{
    private static string Key(string claimId) => $"claim:{claimId}";

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

        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(claim), async changes =>
        {
            var prepared = Prepare(claim);
            if (await store.GetAsync(Key(prepared.ClaimId), cancellationToken) is not null)
            {
                throw new PreconditionFailedException($"Claim '{prepared.ClaimId}' already exists; correct it with a replacement claim.");
            }

            var version = await ScrubbedVersionAsync(prepared, 1, "api", cancellationToken);
            var record = new ClaimRecord(prepared.ClaimId, [version], timelyFiling.DeadlineFor(prepared.Payer?.PayerId ?? "", prepared.FirstDateOfService));
            changes.Put(Key(record.ClaimId), record, ChangeSet.New);
            PublishIfQueued(changes, version);
            return record;
        }, cancellationToken: cancellationToken);
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
            var replacement = ApplyCorrection(latest.Claim, corrected);
            var version = await ScrubbedVersionAsync(replacement, latest.VersionNumber + 1, corrected.Id, cancellationToken);
            var superseded = latest with { Status = ClaimStatus.Corrected };
            var record = current.Value with { Versions = [.. current.Value.Versions.SkipLast(1), superseded, version] };
            changes.Put(Key(record.ClaimId), record, current.Version);
            PublishIfQueued(changes, version);
        }, cancellationToken);
    }

    private static Claim ApplyCorrection(Claim claim, CodingCorrectedIntegrationEvent corrected)
    {
        var byControlNumber = corrected.Lines.ToDictionary(l => l.LineItemControlNumber, StringComparer.Ordinal);
        var lines = claim.Lines.Select(line => byControlNumber.TryGetValue(line.LineItemControlNumber, out var fix)
            ? line with { ProcedureCode = fix.ProcedureCode, Modifiers = fix.Modifiers, Units = fix.Units == 0 ? line.Units : fix.Units, DiagnosisPointers = fix.DiagnosisPointers.Count == 0 ? line.DiagnosisPointers : fix.DiagnosisPointers }
            : line).ToArray();
        var diagnoses = corrected.DiagnosisCodes.Count == 0 ? claim.Diagnoses : corrected.DiagnosisCodes.Select(c => new Diagnosis(c, "")).ToArray();
        return claim with
        {
            Frequency = ClaimFrequency.Replacement,
            PayerClaimControlNumber = string.IsNullOrEmpty(corrected.PayerClaimControlNumber) ? claim.PayerClaimControlNumber : corrected.PayerClaimControlNumber,
            Diagnoses = diagnoses,
            Lines = lines,
        };
    }

    private async Task<ClaimVersion> ScrubbedVersionAsync(Claim claim, int number, string origin, CancellationToken cancellationToken)
    {
        var findings = await scrubber.ScrubAsync(claim, cancellationToken);
        var status = findings.Any(f => f.Severity == Severity.Reject) ? ClaimStatus.ScrubRejected : ClaimStatus.Scrubbed;
        return new ClaimVersion(number, claim, status, findings, clock.GetUtcNow(), origin);
    }

    private static void PublishIfQueued(ChangeSet changes, ClaimVersion version)
    {
        if (version.Status != ClaimStatus.Scrubbed)
        {
            return;
        }

        var claim = version.Claim;
        changes.Publish(new ClaimSubmittedIntegrationEvent(
            claim.ClaimId, version.VersionNumber, ((int)claim.Frequency).ToString(System.Globalization.CultureInfo.InvariantCulture),
            claim.Payer?.PayerId ?? "", claim.Patient?.EffectiveAccountId ?? "", claim.TotalChargeCents,
            claim.Lines.Select(l => new SubmittedLineCodes(
                l.LineItemControlNumber, l.ProcedureCode, l.Modifiers,
                l.DiagnosisPointers.Where(p => p >= 1 && p <= claim.Diagnoses.Count)
                    .Select(p => claim.Diagnoses[(int)p - 1].Code.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant()).ToArray())).ToArray()));
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

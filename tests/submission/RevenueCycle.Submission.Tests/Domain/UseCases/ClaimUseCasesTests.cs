using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Submission.Domain.Model;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.Submission.Domain.UseCases;
using RevenueCycle.Testing;

namespace RevenueCycle.Submission.Tests.Domain.UseCases;

public sealed class ClaimUseCasesTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly CountingScrubber _scrubber = new();
    private readonly ClaimUseCases _claims;

    public ClaimUseCasesTests() =>
        _claims = new ClaimUseCases(_store, _scrubber, new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero)), new Directory());

    /// <summary>Eligibility's coverages and authorizations as submission reads them.</summary>
    private sealed class Directory : ICoverageDirectory
    {
        public Task<CoverageOnFile> CoverageAsync(string coverageId, CancellationToken cancellationToken) => coverageId == "cov-primary"
            ? Task.FromResult(new CoverageOnFile(coverageId, new Payer("67890", "OTHER HEALTH PLAN", "CI", Address.Empty),
                new Subscriber("OHP-1", "G9", new PersonName("Doe", "Jane", "", ""), new DateOnly(1970, 5, 1), Sex.Female, Address.Empty, Relationship.Self)))
            : throw new NotFoundException("Coverage", coverageId);

        public Task<AuthorizationOnFile> AuthorizationAsync(string authorizationId, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthorizationOnFile("PA-" + authorizationId, Referral: false));

        /// <summary>pat-cob: her own employer's plan (67890) before her spouse's (12345, the sample claim's payer); pat-down: eligibility cannot look her up.</summary>
        public async Task<IReadOnlyList<CoordinatedCoverage>?> CoordinationAsync(string patientId, DateOnly dateOfService, CancellationToken cancellationToken) => patientId switch
        {
            "pat-cob" =>
            [
                new(await CoverageAsync("cov-primary", cancellationToken), "P", "the plan covering the patient as an employee pays before the plan covering her as a dependent (NAIC 6B(1))"),
                new(new CoverageOnFile("cov-spouse", Samples.Claim().Payer!, Samples.Claim().Subscriber! with { MemberId = "SP-2", RelationshipToPatient = Relationship.Spouse }), "S",
                    "the plan covering the patient as a dependent (NAIC 6B(1))"),
            ],
            "pat-down" => null,
            _ => [],
        };
    }

    /// <summary>The claim as the payer has it on file: sent, accepted, with its claim number.</summary>
    private async Task<ClaimRecord> SentAndOnFileAsync(string idempotencyKey)
    {
        var submitted = await _claims.SubmitAsync(idempotencyKey, Samples.Claim(), TestContext.Current.CancellationToken);
        var key = $"claim:{submitted.ClaimId}"; // the record as submission stores it
        var stored = (await _store.GetAsync<ClaimRecord>(key, TestContext.Current.CancellationToken))!;
        var sent = stored.Value.WithLatest(stored.Value.Latest.Becomes(ClaimStatus.Submitted, DateTimeOffset.UnixEpoch, "transmission").Becomes(ClaimStatus.Adjudicated, DateTimeOffset.UnixEpoch, "835"))
            with { PayerClaimControlNumber = "ICN-1" };
        await _store.CommitAsync(new ChangeSet().Put(key, sent, stored.Version), TestContext.Current.CancellationToken);
        return sent;
    }

    /// <summary>Returns the configured findings and counts calls, like a scrubbing service would be asked; its payer 12345 allows 90 days.</summary>
    private sealed class CountingScrubber : IClaimScrubber
    {
        public int Calls;
        public List<Finding> Findings { get; } = [];

        public Task<ScrubOutcome> ScrubAsync(Claim claim, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(new ScrubOutcome(Findings.ToArray(), claim.FirstDateOfService?.AddDays(claim.Payer?.PayerId == "12345" ? 90 : 365)));
        }
    }

    private static Finding Reject() => new("BP-NPI", Severity.Reject, Owner.Billing, "bad npi", "claim.billing_provider.npi", [], "rules", "fix");

    [Fact]
    public async Task Submit_CleanClaim_AssignsIdentifiersQueuesAndPublishes()
    {
        var record = await _claims.SubmitAsync("k1", Samples.Claim(), TestContext.Current.CancellationToken);

        var version = Assert.Single(record.Versions);
        Assert.Equal(20, record.ClaimId.Length);
        Assert.Equal(record.ClaimId, version.Claim.PatientControlNumber);
        Assert.Equal([$"{record.ClaimId}-1", $"{record.ClaimId}-2"], version.Claim.Lines.Select(l => l.LineItemControlNumber));
        Assert.Equal(14_500, version.Claim.TotalChargeCents);
        Assert.Equal(ClaimStatus.Scrubbed, version.Status);
        Assert.Equal(ClaimFrequency.Original, version.Claim.Frequency);
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 23, 59, 59, TimeSpan.Zero), record.FilingDeadline); // the scrubber's payer rules: 90 days for payer 12345
        var message = Assert.Single(await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
        var submitted = JsonSerializer.Deserialize<ClaimSubmittedIntegrationEvent>(message.Json, DocumentJson.Options)!;
        Assert.Equal((record.ClaimId, "acct-001", 14_500L), (submitted.ClaimId, submitted.PatientAccountId, submitted.TotalChargeCents));
    }

    [Fact]
    public async Task Submit_PatientWithTwoCoverages_BillsTheCoordinatedPrimary_WithTheOtherAsSecondary()
    {
        var claim = Samples.Claim() with { Patient = Samples.Claim().Patient! with { PatientId = "pat-cob" } }; // submitted to 12345, her spouse's plan

        var record = await _claims.SubmitAsync("cob", claim, TestContext.Current.CancellationToken);
        var again = await _claims.SubmitAsync("cob", claim, TestContext.Current.CancellationToken); // a retry: same answer, same fingerprint

        var billed = record.Latest.Claim;
        Assert.Equal(("67890", "OHP-1", "cov-primary", "P"), (billed.Payer!.PayerId, billed.Subscriber!.MemberId, billed.CoverageId, billed.PayerResponsibility));
        Assert.Equal(("12345", "SP-2", Relationship.Spouse), (billed.SecondaryPayer!.PayerId, billed.SecondarySubscriber!.MemberId, billed.SecondarySubscriber.RelationshipToPatient));
        var note = record.Latest.Changes[^1];
        Assert.Equal("cob", note.Source);
        Assert.StartsWith("coordination of benefits: primary payer 67890 (submitted to payer 12345): the plan covering the patient as an employee", note.Detail);
        Assert.DoesNotContain("Doe", note.Detail); // payers and rules, never the patient
        Assert.Equal(record.ClaimId, again.ClaimId);
        var submitted = JsonSerializer.Deserialize<ClaimSubmittedIntegrationEvent>(Assert.Single(await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken)).Json, DocumentJson.Options)!;
        Assert.Equal(("67890", "cov-primary"), (submitted.PayerId, submitted.CoverageId));
    }

    [Fact]
    public async Task Submit_PatientEligibilityCannotLookUp_GoesToThePayersAsSubmitted_AndTheHistorySaysSo()
    {
        var claim = Samples.Claim() with { Patient = Samples.Claim().Patient! with { PatientId = "pat-down" } };

        var record = await _claims.SubmitAsync("down", claim, TestContext.Current.CancellationToken);

        Assert.Equal(ClaimStatus.Scrubbed, record.Latest.Status);
        Assert.Equal("12345", record.Latest.Claim.Payer!.PayerId);
        Assert.Contains("not checked", record.Latest.Changes[^1].Detail);
    }

    [Fact]
    public async Task Submit_PatientWithNoCoverageRegistered_KeepsTheClaimsPayers_WithoutANote()
    {
        var record = await _claims.SubmitAsync("none", Samples.Claim(), TestContext.Current.CancellationToken);

        Assert.Equal("12345", record.Latest.Claim.Payer!.PayerId);
        Assert.DoesNotContain(record.Latest.Changes, c => c.Source == "cob");
    }

    [Fact]
    public async Task Submit_Retry_ReturnsTheFirstResultWithoutScrubbingOrPublishingAgain()
    {
        var first = await _claims.SubmitAsync("k1", Samples.Claim(), TestContext.Current.CancellationToken);
        var retry = await _claims.SubmitAsync("k1", Samples.Claim(), TestContext.Current.CancellationToken);

        Assert.Equal(first.ClaimId, retry.ClaimId);
        Assert.Equal(1, _scrubber.Calls);
        Assert.Single(await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_ConcurrentRetries_ProduceOneClaim()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _claims.SubmitAsync("same-key", Samples.Claim(), TestContext.Current.CancellationToken)));

        Assert.Single(results.Select(r => r.ClaimId).Distinct());
        Assert.Single(await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_SameKeyDifferentClaim_IsRefused()
    {
        await _claims.SubmitAsync("k1", Samples.Claim(), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _claims.SubmitAsync("k1", Samples.Claim() with { PlaceOfService = "22" }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_RejectFindings_RecordsScrubRejectedAndPublishesNothing()
    {
        _scrubber.Findings.Add(Reject());

        var record = await _claims.SubmitAsync("k1", Samples.Claim(), TestContext.Current.CancellationToken);

        Assert.Equal(ClaimStatus.ScrubRejected, record.Latest.Status);
        Assert.Equal("BP-NPI", Assert.Single(record.Latest.Findings).RuleId);
        Assert.Empty(await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_ClaimIdAlreadySent_IsRefused_CorrectOrVoidInstead()
    {
        await _claims.SubmitAsync("k1", Samples.Claim("C0000000000000000042"), Ct);
        await MarkSentAsync("C0000000000000000042");

        var error = await Assert.ThrowsAsync<PreconditionFailedException>(() => _claims.SubmitAsync("k2", Samples.Claim("C0000000000000000042"), Ct));

        Assert.Contains("was sent to the payer", error.Message);
    }

    [Fact]
    public async Task ScrubRejectedClaim_SubmittedAgainUnderItsId_GoesOutAsAnOriginal()
    {
        _scrubber.Findings.Add(Reject());
        await _claims.SubmitAsync("k1", Samples.Claim("C0000000000000000043"), Ct);
        _scrubber.Findings.Clear();

        var record = await _claims.SubmitAsync("k2", Samples.Claim("C0000000000000000043") with { BillingProvider = Samples.BillingProvider() }, Ct);

        Assert.Equal([ClaimStatus.Corrected, ClaimStatus.Scrubbed], record.Versions.Select(v => v.Status));
        Assert.Equal((2, ClaimFrequency.Original, ""), (record.Latest.VersionNumber, record.Latest.Claim.Frequency, record.Latest.Claim.PayerClaimControlNumber));
        Assert.Equal(["C0000000000000000043-1", "C0000000000000000043-2"], record.Latest.Claim.Lines.Select(l => l.LineItemControlNumber));
        var submitted = Assert.Single(await _store.ReadPendingAsync(10, Ct)); // only the clean version is announced
        Assert.Equal(2, JsonSerializer.Deserialize<ClaimSubmittedIntegrationEvent>(submitted.Json, DocumentJson.Options)!.VersionNumber);
    }

    [Fact]
    public async Task ScrubRejectedClaim_Corrected_GoesOutAsAnOriginal_NotAReplacement()
    {
        _scrubber.Findings.Add(Reject());
        var rejected = await _claims.SubmitAsync("k1", Samples.Claim("C0000000000000000044"), Ct);
        _scrubber.Findings.Clear();

        var record = await _claims.CorrectAsync(rejected.ClaimId, "fix-1", rejected.Latest.Claim, Ct);

        Assert.Equal((ClaimStatus.Scrubbed, ClaimFrequency.Original, 2), (record.Latest.Status, record.Latest.Claim.Frequency, record.Latest.VersionNumber));
        var error = await Assert.ThrowsAsync<PreconditionFailedException>(() => _claims.VoidAsync(rejected.ClaimId, "void-1", Ct));
        Assert.Contains("never sent", error.Message);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>As a transmission leaves the version: in an interchange, submitted.</summary>
    private async Task MarkSentAsync(string claimId)
    {
        var current = (await _store.GetAsync<ClaimRecord>($"claim:{claimId}", Ct))!;
        var sent = current.Value.WithLatest(current.Value.Latest.Becomes(ClaimStatus.Submitted, DateTimeOffset.UtcNow, "transmission") with { TransmissionId = "tx-1" });
        Assert.True((await _store.CommitAsync(new ChangeSet().Put($"claim:{claimId}", sent, current.Version), Ct)).IsCommitted);
    }

    [Fact]
    public async Task Submit_WithoutIdempotencyKey_IsRefusedBeforeAnythingHappens()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _claims.SubmitAsync("", Samples.Claim(), TestContext.Current.CancellationToken));

        Assert.Equal("idempotency_key", error.Violations.Single().Field);
        Assert.Equal(0, _scrubber.Calls);
    }

    [Fact]
    public async Task Submit_PatientControlNumberOtherThanTheClaimId_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _claims.SubmitAsync("k1", Samples.Claim("C0000000000000000042") with { PatientControlNumber = "HAR123456" }, TestContext.Current.CancellationToken));

        Assert.Equal("claim.patient_control_number", error.Violations.Single().Field);
    }

    [Fact]
    public async Task Submit_HostileCharges_AreRefusedWithTheirFields()
    {
        var claim = Samples.Claim();
        claim = claim with { Lines = [claim.Lines[0] with { ChargeCents = long.MaxValue }, claim.Lines[1] with { ChargeCents = long.MaxValue }] };

        var error = await Assert.ThrowsAsync<ValidationException>(() => _claims.SubmitAsync("k1", claim, TestContext.Current.CancellationToken));

        Assert.Equal(["claim.lines[0].charge_cents", "claim.lines[1].charge_cents"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task Submit_Replacement_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _claims.SubmitAsync("k1", Samples.Claim() with { Frequency = ClaimFrequency.Replacement }, TestContext.Current.CancellationToken));

        Assert.Equal("claim.frequency", error.Violations.Single().Field);
    }

    [Fact]
    public async Task CodingCorrected_BuildsAReplacementCitingThePayerClaimNumber_Once()
    {
        var original = await _claims.SubmitAsync("k1", Samples.Claim(), TestContext.Current.CancellationToken);
        var corrected = new CodingCorrectedIntegrationEvent(
            "corr_1", original.ClaimId, "ICN-778899", "den-evt-1", ["E1165"],
            [new CorrectedLineCodes($"{original.ClaimId}-1", "99214", ["25"], 0, [])]);

        await _claims.HandleAsync(corrected, TestContext.Current.CancellationToken);
        await _claims.HandleAsync(corrected, TestContext.Current.CancellationToken); // redelivered

        var record = await _claims.GetAsync(original.ClaimId, TestContext.Current.CancellationToken);
        Assert.Equal([1, 2], record.Versions.Select(v => v.VersionNumber));
        Assert.Equal(ClaimStatus.Corrected, record.Versions[0].Status);
        var replacement = record.Latest;
        Assert.Equal(ClaimStatus.Scrubbed, replacement.Status);
        Assert.Equal(corrected.Id, replacement.Origin);
        Assert.Equal(ClaimFrequency.Replacement, replacement.Claim.Frequency);
        Assert.Equal("ICN-778899", replacement.Claim.PayerClaimControlNumber);
        Assert.Equal(["E1165"], replacement.Claim.Diagnoses.Select(d => d.Code));
        var line = replacement.Claim.Lines[0];
        Assert.Equal(("99214", "25", 1u), (line.ProcedureCode, line.Modifiers.Single(), line.Units));
        Assert.Equal([1u, 2u], line.DiagnosisPointers);          // no pointers given: the original ones stay
        Assert.Equal("82947", replacement.Claim.Lines[1].ProcedureCode); // untouched line
        Assert.Equal(2, (await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task CodingCorrected_UnknownClaim_ThrowsSoTheEventIsRetriedNotLost()
    {
        var corrected = new CodingCorrectedIntegrationEvent("corr_1", "C-missing", "ICN", "den", [], []);

        await Assert.ThrowsAsync<NotFoundException>(() => _claims.HandleAsync(corrected, TestContext.Current.CancellationToken));
    }
    [Fact]
    public async Task FrontEndCorrected_Authorization_IsAReplacementToTheSamePayerWithRefG1()
    {
        var claim = await SentAndOnFileAsync("k1");
        var fix = new FrontEndCorrectedIntegrationEvent("fe_1", claim.ClaimId, "ICN-1", "den-1", "", "auth_9");

        await _claims.HandleAsync(fix, TestContext.Current.CancellationToken);
        await _claims.HandleAsync(fix, TestContext.Current.CancellationToken); // redelivered: one version

        var record = await _claims.GetAsync(claim.ClaimId, TestContext.Current.CancellationToken);
        Assert.Equal([1, 2], record.Versions.Select(v => v.VersionNumber));
        var replacement = record.Latest.Claim;
        Assert.Equal((ClaimFrequency.Replacement, "ICN-1", "PA-auth_9", "12345"), (replacement.Frequency, replacement.PayerClaimControlNumber, replacement.PriorAuthorizationNumber, replacement.Payer!.PayerId));
        Assert.Equal(ClaimStatus.Corrected, record.Versions[0].Status);
    }

    [Fact]
    public async Task FrontEndCorrected_AnotherPayersCoverage_IsAnOriginalToThatPayer()
    {
        var claim = await SentAndOnFileAsync("k2");

        await _claims.HandleAsync(new FrontEndCorrectedIntegrationEvent("fe_2", claim.ClaimId, "ICN-1", "den-2", "cov-primary", ""), TestContext.Current.CancellationToken);

        var corrected = (await _claims.GetAsync(claim.ClaimId, TestContext.Current.CancellationToken)).Latest.Claim;
        Assert.Equal((ClaimFrequency.Original, "", "67890", "OHP-1", "cov-primary"),
            (corrected.Frequency, corrected.PayerClaimControlNumber, corrected.Payer!.PayerId, corrected.Subscriber!.MemberId, corrected.CoverageId));
    }

    [Fact]
    public async Task FrontEndCorrected_UnknownCoverage_ThrowsSoTheEventIsRetriedNotLost()
    {
        var claim = await SentAndOnFileAsync("k3");

        await Assert.ThrowsAsync<NotFoundException>(() => _claims.HandleAsync(new FrontEndCorrectedIntegrationEvent("fe_3", claim.ClaimId, "", "den-3", "cov-gone", ""), TestContext.Current.CancellationToken));
        Assert.Single((await _claims.GetAsync(claim.ClaimId, TestContext.Current.CancellationToken)).Versions);
    }
}

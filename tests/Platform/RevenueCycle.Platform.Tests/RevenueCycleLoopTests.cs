using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// Eligibility -> coding -> scrubbing -> submission -> posting -> collections, through the gateway over gRPC, with
/// every service's state in one real Redis; then the coding denial travels back to the coders, is corrected and
/// becomes a replacement claim citing the payer's claim number. A restarted platform still has all of it.
/// </summary>
[RequiresRedis]
public sealed class RevenueCycleLoopTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "loop-test-key";
    private static readonly Metadata Headers = new() { { "x-api-key", Key } };

    private static Google.Type.Date Dos => new() { Year = 2026, Month = 3, Day = 2 };

    [Fact]
    public async Task Encounter_ToCash_AndTheCodingDenialBackToAReplacementClaim()
    {
        var ct = TestContext.Current.CancellationToken;
        // The clearinghouse schedule is off: this test plays the payer's remittance itself.
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = redis.NewConnectionString(), ClearinghouseInterval = TimeSpan.Zero };
        string claimId;

        await using (var platform = await PlatformHost.StartAsync(options, cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit()))
        {
            var channel = GrpcChannel.ForAddress(platform.GatewayGrpc);
            var eligibility = new EligibilityService.EligibilityServiceClient(channel);
            var coding = new CodingService.CodingServiceClient(channel);
            var submission = new SubmissionService.SubmissionServiceClient(channel);
            var posting = new PostingService.PostingServiceClient(channel);
            var collections = new CollectionsService.CollectionsServiceClient(channel);

            // Front end: coverage is active on the date of service.
            var coverage = await eligibility.RegisterCoverageAsync(new RegisterCoverageRequest
            {
                IdempotencyKey = "cov-1",
                Coverage = new Coverage
                {
                    PatientId = "pat-001", Payer = new Payer { PayerId = "12345" }, Subscriber = new Subscriber { MemberId = "MEMBER001" },
                    EffectiveDate = new Google.Type.Date { Year = 2026, Month = 1, Day = 1 }, Benefits = new Benefits { CoinsuranceBasisPoints = 2000 },
                },
            }, Headers, cancellationToken: ct);
            var check = await eligibility.CheckEligibilityAsync(new CheckEligibilityRequest { CoverageId = coverage.CoverageId, DateOfService = Dos }, Headers, cancellationToken: ct);
            Assert.Equal(CoverageStatus.Active, check.Status);

            // Coding: draft -> coded -> finalized.
            var encounter = await coding.CreateEncounterAsync(new CreateEncounterRequest
            {
                IdempotencyKey = "enc-1", PatientId = "pat-001", DateOfService = Dos, ProviderNpi = Samples.ValidNpi, Documentation = "Follow-up of type 2 diabetes.",
            }, Headers, cancellationToken: ct);
            var setCodes = new SetCodesRequest { EncounterId = encounter.EncounterId, ExpectedVersion = encounter.Version };
            setCodes.Diagnoses.Add(new Diagnosis { Code = "E11.9" });
            setCodes.Procedures.Add(new CodedProcedure { Code = "99213", Units = 1, DiagnosisPointers = { 1 } });
            var coded = await coding.SetCodesAsync(setCodes, Headers, cancellationToken: ct);
            var finalized = await coding.FinalizeEncounterAsync(new FinalizeEncounterRequest { EncounterId = encounter.EncounterId, ExpectedVersion = coded.Version }, Headers, cancellationToken: ct);
            Assert.Equal(EncounterStatus.Finalized, finalized.Status);

            // Billing: submit (scrubbed by the scrubbing service over gRPC); a retry sends nothing twice.
            var claim = Samples.Claim().ToProto();
            claim.EncounterId = encounter.EncounterId;
            claim.CoverageId = coverage.CoverageId;
            var submitted = await submission.SubmitClaimAsync(new SubmitClaimRequest { IdempotencyKey = "sub-1", Claim = claim }, Headers, cancellationToken: ct);
            var retried = await submission.SubmitClaimAsync(new SubmitClaimRequest { IdempotencyKey = "sub-1", Claim = claim }, Headers, cancellationToken: ct);
            Assert.Equal(submitted.ClaimId, retried.ClaimId);
            Assert.Equal(ClaimStatus.Scrubbed, submitted.Versions.Single().Status);
            claimId = submitted.ClaimId;

            // The payer pays line 1 (coinsurance to the patient) and denies line 2 for bundling (CO-97).
            var posted = await posting.PostRemittanceAsync(new PostRemittanceRequest { Remittance = Remittance(claimId) }, Headers, cancellationToken: ct);
            Assert.Equal(1, posted.DenialsDetected);

            // The coding denial reaches the coders' correction queue.
            var task = await Eventually.MatchAsync(
                async () => (await coding.ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), Headers, cancellationToken: ct)).Tasks.FirstOrDefault(t => t.ClaimId == claimId),
                t => t is not null);
            Assert.Equal(("97", $"{claimId}-2", "ICN-20260401-7"), (task!.ReasonCode, task.LineItemControlNumber, task.PayerClaimControlNumber));

            // Next time a coder codes the same combination for this payer, validation says what happened.
            var again = new ValidateCodesRequest { DateOfService = Dos, PayerId = "12345" };
            again.Diagnoses.Add(new Diagnosis { Code = "E11.9" });
            again.Procedures.Add(new CodedProcedure { Code = "82947", Units = 1, DiagnosisPointers = { 1 } });
            var warned = await coding.ValidateCodesAsync(again, Headers, cancellationToken: ct);
            Assert.Contains(warned.Findings, f => f.RuleId == "DENIAL-HISTORY" && f.Message.Contains("Payer 12345 denied 82947 without a modifier and E11.9 once", StringComparison.Ordinal));

            // The coder corrects the line; submission turns it into a replacement claim (frequency 7).
            var complete = new CompleteCorrectionRequest { TaskId = task.TaskId, IdempotencyKey = "fix-1" };
            complete.CorrectedLines.Add(new CorrectedLine { LineItemControlNumber = task.LineItemControlNumber, ProcedureCode = "82947", Modifiers = { "59" }, Units = 1 });
            await coding.CompleteCorrectionAsync(complete, Headers, cancellationToken: ct);
            var record = await Eventually.MatchAsync(
                () => submission.GetClaimAsync(new GetClaimRequest { ClaimId = claimId }, Headers, cancellationToken: ct).ResponseAsync,
                r => r.Versions.Count == 2);
            var replacement = record.Versions[0];
            Assert.Equal(ClaimFrequency.Replacement, replacement.Claim.Frequency);
            Assert.Equal("ICN-20260401-7", replacement.Claim.PayerClaimControlNumber);
            Assert.Equal(["59"], replacement.Claim.Lines[1].Modifiers);
            Assert.Equal(ClaimStatus.Scrubbed, replacement.Status);
            Assert.Equal(ClaimStatus.Corrected, record.Versions[1].Status);

            // Collections: the charge and the patient's coinsurance are on the account.
            var account = await Eventually.MatchAsync(async () =>
            {
                try
                {
                    return await collections.GetAccountAsync(new GetAccountRequest { AccountId = "acct-001" }, Headers, cancellationToken: ct);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    return null;
                }
            }, a => a?.Claims.SingleOrDefault(c => c.ClaimId == claimId)?.PatientResponsibilityCents == 2_000);
            Assert.Equal(2_000, account!.PatientBalanceCents);
            Assert.Equal(14_500, account.Claims.Single().ChargeCents);
            Assert.Equal(2_000, account.Claims.Single().InsuranceBalanceCents); // the denied line, open while it is corrected
        }

        // Everything lives in Redis: a new platform process sees the claim, the task and the denial.
        await using (var restarted = await PlatformHost.StartAsync(options, cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit()))
        {
            var channel = GrpcChannel.ForAddress(restarted.GatewayGrpc);
            var record = await new SubmissionService.SubmissionServiceClient(channel).GetClaimAsync(new GetClaimRequest { ClaimId = claimId }, Headers, cancellationToken: ct);
            var denials = await new PostingService.PostingServiceClient(channel).ListDenialsAsync(new ListDenialsRequest { Category = DenialCategory.Coding }, Headers, cancellationToken: ct);
            var completed = await new CodingService.CodingServiceClient(channel).ListCorrectionTasksAsync(new ListCorrectionTasksRequest { Status = CorrectionStatus.Completed }, Headers, cancellationToken: ct);

            Assert.Equal(2, record.Versions.Count);
            Assert.Equal("coding", denials.Denials.Single(d => d.ClaimId == claimId).RootCause);
            Assert.Single(completed.Tasks, t => t.ClaimId == claimId);
        }
    }

    private static Remittance Remittance(string claimId)
    {
        var remittance = new Remittance { PayerId = "12345", TraceNumber = "EFT-" + claimId, TotalPaidCents = 7_000, PaymentDate = new Google.Type.Date { Year = 2026, Month = 4, Day = 1 } };
        var claim = new ClaimPayment
        {
            PatientControlNumber = claimId, StatusCode = "1", ChargeCents = 14_500, PaidCents = 7_000, PatientResponsibilityCents = 2_000,
            PayerClaimControlNumber = "ICN-20260401-7",
        };
        var paid = new LinePayment { LineItemControlNumber = $"{claimId}-1", ProcedureCode = "99213", ChargeCents = 12_500, PaidCents = 7_000, Units = 1 };
        paid.Adjustments.Add(new Adjustment { GroupCode = "CO", ReasonCode = "45", AmountCents = 3_500 });
        paid.Adjustments.Add(new Adjustment { GroupCode = "PR", ReasonCode = "2", AmountCents = 2_000 });
        var denied = new LinePayment { LineItemControlNumber = $"{claimId}-2", ProcedureCode = "82947", ChargeCents = 2_000, Units = 1 };
        denied.Adjustments.Add(new Adjustment { GroupCode = "CO", ReasonCode = "97", AmountCents = 2_000 });
        denied.RemarkCodes.Add("M15");
        claim.Lines.Add(paid);
        claim.Lines.Add(denied);
        remittance.Claims.Add(claim);
        return remittance;
    }
}

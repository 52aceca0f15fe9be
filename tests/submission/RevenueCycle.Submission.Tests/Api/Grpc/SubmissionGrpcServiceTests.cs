using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Submission.Api.Clearinghouse;
using RevenueCycle.Submission.Api.Grpc;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.Submission.Domain.UseCases;
using RevenueCycle.Testing;

namespace RevenueCycle.Submission.Tests.Api.Grpc;

/// <summary>The submission gRPC adapter called directly.</summary>
public sealed class SubmissionGrpcServiceTests
{
    private sealed class CleanScrubber : IClaimScrubber
    {
        public Task<ScrubOutcome> ScrubAsync(Claim claim, CancellationToken cancellationToken) => Task.FromResult(new ScrubOutcome([], claim.FirstDateOfService?.AddDays(365)));
    }

    private sealed class NoPoster : IRemittancePoster
    {
        public Task<IReadOnlyList<string>> PostAsync(X12.Remittances.Remittance835 remittance, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);
    }

    private readonly SubmissionGrpcService _service;
    private readonly SandboxClearinghouse _clearinghouse;

    public SubmissionGrpcServiceTests()
    {
        var store = new InMemoryDocumentStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));
        var claims = new ClaimUseCases(store, new CleanScrubber(), clock);
        var clearinghouse = _clearinghouse = new SandboxClearinghouse(clock);
        _service = new SubmissionGrpcService(claims, new TransmissionUseCases(store, clearinghouse, SubmissionSettings.Demo, clock),
            new IntakeUseCases(store, clearinghouse, new NoPoster(), claims, clock), new StatusInquiryUseCases(store, clearinghouse, SubmissionSettings.Demo, clock),
            new SubmissionOptions(), clock);
    }

    [Fact]
    public async Task SubmitClaim_WithoutClaim_NamesTheField()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.SubmitClaim(new SubmitClaimRequest { IdempotencyKey = "k" }, TestServerCallContext.Create()));

        Assert.Equal("claim", error.Violations.Single().Field);
    }

    [Fact]
    public async Task SubmitClaim_ImpossibleServiceDate_NamesTheLine()
    {
        var claim = Samples.Claim().ToProto();
        claim.Lines[1].ServiceDateFrom.Day = 31;
        claim.Lines[1].ServiceDateFrom.Month = 4;

        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.SubmitClaim(new SubmitClaimRequest { Claim = claim }, TestServerCallContext.Create()));

        Assert.Equal("claim.lines[1].service_date_from", error.Violations.Single().Field);
    }

    [Fact]
    public async Task SubmitThenGet_ReturnsTheRecordWithTheFilingDeadline()
    {
        var submitted = await _service.SubmitClaim(new SubmitClaimRequest { IdempotencyKey = "k", Claim = Samples.Claim().ToProto() }, TestServerCallContext.Create());
        var read = await _service.GetClaim(new GetClaimRequest { ClaimId = submitted.ClaimId }, TestServerCallContext.Create());

        Assert.Equal(ClaimStatus.Scrubbed, read.Versions.Single().Status);
        Assert.Equal(new DateTime(2027, 3, 2, 23, 59, 59, DateTimeKind.Utc), read.FilingDeadline.ToDateTime());
        Assert.Equal(RevenueCycle.Contracts.Common.V1.ClaimFrequency.Original, read.Versions[0].Claim.Frequency);
    }

    [Fact]
    public async Task ListClaims_FilingDue_CountsDaysFromToday_AndTheWorklistIsRequired()
    {
        // Today is 2026-03-03; the sample's deadline is 2027-03-02, 364 days away.
        var submitted = await _service.SubmitClaim(new SubmitClaimRequest { IdempotencyKey = "k", Claim = Samples.Claim().ToProto() }, TestServerCallContext.Create());

        var within30 = await _service.ListClaims(new ListClaimsRequest { Worklist = ClaimWorklist.FilingDue }, TestServerCallContext.Create());
        var within364 = await _service.ListClaims(new ListClaimsRequest { Worklist = ClaimWorklist.FilingDue, DueWithinDays = 364 }, TestServerCallContext.Create());
        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.ListClaims(new ListClaimsRequest(), TestServerCallContext.Create()));

        Assert.Empty(within30.Claims);
        Assert.Equal([submitted.ClaimId], within364.Claims.Select(c => c.ClaimId));
        Assert.Equal("worklist", error.Violations.Single().Field);
    }

    [Fact]
    public async Task TransmitThenReceive_CarriesTheClaimToAdjudicated_AndListsTheTransmission()
    {
        var submitted = await _service.SubmitClaim(new SubmitClaimRequest { IdempotencyKey = "k", Claim = Samples.Claim().ToProto() }, TestServerCallContext.Create());

        var transmitted = await _service.TransmitClaims(new TransmitClaimsRequest(), TestServerCallContext.Create());
        var received = await _service.ReceiveResponses(new ReceiveResponsesRequest(), TestServerCallContext.Create());
        var claim = await _service.GetClaim(new GetClaimRequest { ClaimId = submitted.ClaimId }, TestServerCallContext.Create());
        var listed = await _service.ListTransmissions(new ListTransmissionsRequest(), TestServerCallContext.Create());

        Assert.Equal((1, 1), (transmitted.Built.Count, transmitted.Sent));
        Assert.Equal((3, 1, 1, 1), (received.Files, received.Acknowledgments999, received.ClaimAcknowledgments277Ca, received.Remittances835));
        Assert.Equal(ClaimStatus.Adjudicated, claim.Versions[0].Status);
        Assert.Equal(["SUBMITTED", "SUBMITTED", "ACCEPTED", "ADJUDICATED"], claim.Versions[0].History.Select(h => h.Status.ToString().ToUpperInvariant()));
        Assert.StartsWith("SBX", claim.PayerClaimControlNumber);
        Assert.Equal(TransmissionStatus.Accepted, Assert.Single(listed.Transmissions).Status);
    }

    [Fact]
    public async Task ReceiveResponseFile_ReadsTheFile_AndAnswersWithItsRecordAndCounts()
    {
        var submitted = await _service.SubmitClaim(new SubmitClaimRequest { IdempotencyKey = "k", Claim = Samples.Claim().ToProto() }, TestServerCallContext.Create());
        await _service.TransmitClaims(new TransmitClaimsRequest(), TestServerCallContext.Create());
        var answers = await _clearinghouse.ReceiveAsync(TestContext.Current.CancellationToken); // what the payer sent back, not read yet
        var remittance = answers.Single(a => X12.X12Reader.Parse(a.Content).Transactions.Any(t => t.Type == "835"));

        var received = await _service.ReceiveResponseFile(new ReceiveResponseFileRequest { FileName = "era.835", Content = remittance.Content }, TestServerCallContext.Create());
        var claim = await _service.GetClaim(new GetClaimRequest { ClaimId = submitted.ClaimId }, TestServerCallContext.Create());

        Assert.Equal((1, 0, 1), (received.Summary.Files, received.Summary.Duplicates, received.Summary.Remittances835));
        Assert.Equal(("era.835", "835"), (received.File.FileName, received.File.Kinds));
        Assert.Matches("^[0-9a-f]{64}$", received.File.FileId);
        Assert.Equal(ClaimStatus.Adjudicated, claim.Versions[0].Status);
    }
}

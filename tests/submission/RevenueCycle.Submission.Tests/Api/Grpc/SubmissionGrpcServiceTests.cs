using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ServiceDefaults.Grpc;
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
        public Task<IReadOnlyList<Finding>> ScrubAsync(Claim claim, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Finding>>([]);
    }

    private readonly SubmissionGrpcService _service = new(new ClaimUseCases(new InMemoryDocumentStore(), new CleanScrubber(), TimelyFiling.Medicare, new FakeTimeProvider()));

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
}

using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Scrubbing.Api.Grpc;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Grpc;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Api.Grpc;

/// <summary>The scrubbing gRPC adapter called directly.</summary>
public sealed class ScrubbingGrpcServiceTests
{
    private readonly ScrubbingGrpcService _service = new(new ScrubUseCases(new InMemoryDocumentStore(), new FakeTimeProvider()));

    [Fact]
    public async Task ScrubClaim_WithoutClaim_NamesTheField()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.ScrubClaim(new ScrubClaimRequest(), TestServerCallContext.Create()));

        Assert.Equal("claim", error.Violations.Single().Field);
    }

    [Fact]
    public async Task ScrubClaim_MapsFindingsAndCountsTheRate()
    {
        var claim = (Samples.Claim("C1") with { PatientControlNumber = "C1" }).ToProto();
        claim.Subscriber.MemberId = "";

        var result = await _service.ScrubClaim(new ScrubClaimRequest { Claim = claim }, TestServerCallContext.Create());
        var rate = await _service.GetCleanClaimRate(new GetCleanClaimRateRequest(), TestServerCallContext.Create());

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("SUB-ID", Owner.FrontEnd, "claim.subscriber.member_id"), (finding.RuleId, finding.Owner, finding.Field));
        Assert.Equal((1L, 0L), (rate.ClaimsScrubbed, rate.ClaimsCleanFirstPass));
    }
}

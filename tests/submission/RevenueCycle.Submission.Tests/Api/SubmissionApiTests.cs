using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Scrubbing.Api.Grpc;
using RevenueCycle.Submission.Api.Clients;
using RevenueCycle.Submission.Api.Grpc;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.Testing;

namespace RevenueCycle.Submission.Tests.Api;

/// <summary>Submission and the real scrubbing service talking gRPC, each on its own Redis database.</summary>
[RequiresRedis]
public sealed class SubmissionApiTests : IClassFixture<RedisFixture>, IAsyncDisposable
{
    private readonly ServiceFactory<ScrubbingGrpcService> _scrubbing;
    private readonly ServiceFactory<SubmissionGrpcService> _submission;

    public SubmissionApiTests(RedisFixture redis)
    {
        // The sample claims' visit was yesterday, whatever day the tests run (the payer's timely-filing limit would age them).
        _scrubbing = new ServiceFactory<ScrubbingGrpcService>(ServiceFactory<ScrubbingGrpcService>.RedisSettings(redis.NewConnectionString()),
            services => services.AddSingleton<TimeProvider>(ShiftedClock.AfterTheSampleVisit()));
        _submission = new ServiceFactory<SubmissionGrpcService>(
            ServiceFactory<SubmissionGrpcService>.RedisSettings(redis.NewConnectionString()),
            services => services.AddSingleton<IClaimScrubber>(new GrpcClaimScrubber(new ScrubbingService.ScrubbingServiceClient(_scrubbing.CreateChannel())))
                .AddSingleton<ICoverageDirectory>(new NoCoveragesOnFile()));
    }

    /// <summary>An eligibility service that has no coverage for anyone: claims keep their own payers.</summary>
    private sealed class NoCoveragesOnFile : ICoverageDirectory
    {
        public Task<CoverageOnFile> CoverageAsync(string coverageId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<CoordinatedCoverage>?> CoordinationAsync(string patientId, DateOnly dateOfService, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CoordinatedCoverage>?>([]);

        public Task<AuthorizationOnFile> AuthorizationAsync(string authorizationId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Submit_ScrubsThroughTheScrubbingService_AndAnswersJson()
    {
        var client = new SubmissionService.SubmissionServiceClient(_submission.CreateChannel());
        var claim = Samples.Claim().ToProto();
        claim.Lines[1].DiagnosisPointers[0] = 7;

        var record = await client.SubmitClaimAsync(new SubmitClaimRequest { IdempotencyKey = "s-1", Claim = claim }, cancellationToken: TestContext.Current.CancellationToken);
        using var http = _submission.CreateClient();
        var json = await http.GetFromJsonAsync<JsonElement>($"/v1/submission/claims/{record.ClaimId}", TestContext.Current.CancellationToken);
        var rate = await new ScrubbingService.ScrubbingServiceClient(_scrubbing.CreateChannel())
            .GetCleanClaimRateAsync(new GetCleanClaimRateRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ClaimStatus.ScrubRejected, record.Versions[0].Status);
        Assert.Equal("PTR-INVALID", record.Versions[0].Findings.Single(f => f.Severity == Contracts.Common.V1.Severity.Reject).RuleId);
        Assert.Equal("CLAIM_STATUS_SCRUB_REJECTED", json.GetProperty("versions")[0].GetProperty("status").GetString());
        Assert.Equal(1, rate.ClaimsScrubbed);
    }

    [Fact]
    public async Task Submit_ScrubbingDown_IsUnavailableAndStoresNothing()
    {
        var deadPort = TestPorts.Free();
        // The submission host's own scrubbing client, pointed at a port nobody listens on.
        await using var isolated = _submission.WithWebHostBuilder(b => b.UseSetting("Services:Scrubbing", $"http://127.0.0.1:{deadPort}")
            .ConfigureTestServices(services => services.AddSingleton<IClaimScrubber, GrpcClaimScrubber>()));
        var client = new SubmissionService.SubmissionServiceClient(GrpcChannel.ForAddress(isolated.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = isolated.Server.CreateHandler() }));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.SubmitClaimAsync(new SubmitClaimRequest { IdempotencyKey = "s-down", Claim = Samples.Claim("C0000000000000000077").ToProto() }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith("The scrubbing service is unavailable", error.Status.Detail); // not the transport's "Error connecting to subchannel"
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetClaimAsync(new GetClaimRequest { ClaimId = "C0000000000000000077" }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Submit_EligibilityDown_IsUnavailableAndStoresNothing()
    {
        // Coordination of benefits cannot be checked: the claim is not billed in an order nobody checked.
        await using var isolated = _submission.WithWebHostBuilder(b => b.UseSetting("Services:Eligibility", $"http://127.0.0.1:{TestPorts.Free()}")
            .ConfigureTestServices(services => services.AddSingleton<ICoverageDirectory, GrpcCoverageDirectory>()));
        var client = new SubmissionService.SubmissionServiceClient(GrpcChannel.ForAddress(isolated.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = isolated.Server.CreateHandler() }));
        var claim = Samples.Claim("C0000000000000000078");
        Assert.NotEmpty(claim.Patient!.PatientId);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.SubmitClaimAsync(new SubmitClaimRequest { IdempotencyKey = "s-cob-down", Claim = claim.ToProto() }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith("The eligibility service is unavailable", error.Status.Detail);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetClaimAsync(new GetClaimRequest { ClaimId = "C0000000000000000078" }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _submission.DisposeAsync();
        await _scrubbing.DisposeAsync();
    }
}

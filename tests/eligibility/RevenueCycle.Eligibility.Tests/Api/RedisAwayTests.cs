using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Eligibility.Api.Grpc;
using RevenueCycle.Testing;

namespace RevenueCycle.Eligibility.Tests.Api;

/// <summary>
/// Redis is away (nothing listens on the port): the process is alive, so Kubernetes must not restart it, but it
/// is not ready, so it gets no traffic; a call that reaches it anyway is refused, never answered unaudited.
/// </summary>
public sealed class RedisAwayTests : IAsyncLifetime
{
    private readonly ServiceFactory<EligibilityGrpcService> _factory =
        new(ServiceFactory<EligibilityGrpcService>.RedisSettings($"127.0.0.1:{TestPorts.Free()},connectTimeout=200,syncTimeout=500,asyncTimeout=500"));

    [Fact]
    public async Task TheServiceIsLive_ButNotReady()
    {
        using var http = _factory.CreateClient();
        var health = new Health.HealthClient(_factory.CreateChannel());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        // The chart's liveness probe asks gRPC health for "" (the process); "ready" includes Redis.
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken)).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = "ready" }, cancellationToken: TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task ACallThatReachesItAnyway_IsRefusedAsUnavailable()
    {
        var client = new EligibilityService.EligibilityServiceClient(_factory.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetCoverageAsync(new GetCoverageRequest { CoverageId = "cov_1" }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.Coding.Api.Grpc;
using RevenueCycle.Coding.Tests.Domain.UseCases;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Events.V1;
using RevenueCycle.Messaging;
using RevenueCycle.Testing;

namespace RevenueCycle.Coding.Tests.Api.Subscriptions;

/// <summary>An operator's dead letters on the coding host: listed, replayed through the dispatcher once, refused ones kept.</summary>
[RequiresRedis]
public sealed class DeadLetterReplayTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncDisposable
{
    private readonly ServiceFactory<CodingGrpcService> _coding = new(ServiceFactory<CodingGrpcService>.RedisSettings(redis.NewConnectionString()));

    private DeadLetterService.DeadLetterServiceClient DeadLetters => new(_coding.CreateChannel());

    [Fact]
    public async Task ADeniedClaimSetAside_IsListed_ThenReplayedIntoACorrectionTask_Once()
    {
        var ct = TestContext.Current.CancellationToken;
        var denial = CorrectionUseCasesTests.Denial() with { Id = Guid.NewGuid().ToString("N") };
        await _coding.Services.GetRequiredService<DeadLetterStore>().RecordAsync("claim-denied", OutboxMessage.From(denial).Json, "delivery failed after retries", ct);

        var listed = await DeadLetters.ListDeadLettersAsync(new ListDeadLettersRequest { Service = "coding" }, cancellationToken: ct);
        var replayed = await DeadLetters.ReplayDeadLetterAsync(new ReplayDeadLetterRequest { Service = "coding", Topic = "claim-denied", EventId = denial.Id }, cancellationToken: ct);
        var again = await Assert.ThrowsAsync<RpcException>(() =>
            DeadLetters.ReplayDeadLetterAsync(new ReplayDeadLetterRequest { Service = "coding", Topic = "claim-denied", EventId = denial.Id }, cancellationToken: ct).ResponseAsync);
        var tasks = await new CodingService.CodingServiceClient(_coding.CreateChannel()).ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), cancellationToken: ct);

        Assert.Equal((denial.Id, "delivery failed after retries"), (Assert.Single(listed.DeadLetters).EventId, listed.DeadLetters[0].Reason));
        Assert.NotNull(replayed.ReplayedAt);
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
        Assert.Equal(denial.Id, Assert.Single(tasks.Tasks).SourceEventId);
        Assert.Empty((await DeadLetters.ListDeadLettersAsync(new ListDeadLettersRequest { Service = "coding" }, cancellationToken: ct)).DeadLetters);
    }

    [Fact]
    public async Task AMalformedEvent_IsRefusedAgainWithTheReason_AndStays()
    {
        var ct = TestContext.Current.CancellationToken;
        await _coding.Services.GetRequiredService<DeadLetterStore>().RecordAsync("claim-denied", """{"id":"evt-poison","deniedCents":"many"}""", "malformed", ct);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            DeadLetters.ReplayDeadLetterAsync(new ReplayDeadLetterRequest { Service = "coding", Topic = "claim-denied", EventId = "evt-poison" }, cancellationToken: ct).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("Malformed claim-denied event: invalid JSON at $.deniedCents", error.Status.Detail);
        Assert.Equal("evt-poison", Assert.Single((await DeadLetters.ListDeadLettersAsync(new ListDeadLettersRequest { Service = "coding" }, cancellationToken: ct)).DeadLetters).EventId);
    }

    [Fact]
    public async Task AskingForAnotherServicesDeadLetters_NamesTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            DeadLetters.ListDeadLettersAsync(new ListDeadLettersRequest { Service = "posting" }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("service", error.Status.Detail);
    }

    public async ValueTask DisposeAsync() => await _coding.DisposeAsync();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.Coding.Api.Grpc;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Messaging;
using RevenueCycle.Posting.Api.Grpc;
using RevenueCycle.Testing;
using Proto = RevenueCycle.Contracts.Posting.V1;

namespace RevenueCycle.Posting.Tests.Api;

/// <summary>
/// The outbox guarantee end to end, over a real Redis: posting writes the remittance and its claim-denied event in
/// one transaction; if the process dies before the event is published — or after publishing but before
/// acknowledging — a restarted posting publishes it, and coding's handler opens exactly one correction task.
/// </summary>
[RequiresRedis]
public sealed class OutboxRecoveryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    /// <summary>Publishes nothing: the process is about to die.</summary>
    private sealed class DyingBeforePublish : IEventTransport
    {
        public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken) => throw new IOException("process killed before publish");
    }

    /// <summary>Publishes, then dies before the relay can acknowledge.</summary>
    private sealed class DyingAfterPublish(InProcessEventBus bus) : IEventTransport
    {
        public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            await bus.PublishAsync(message, cancellationToken);
            throw new IOException("process killed before acknowledging");
        }
    }

    [Fact]
    public Task DiesBeforePublish_RestartPublishes_TaskOpenedOnce() => RunAsync(bus => new DyingBeforePublish());

    [Fact]
    public Task DiesAfterPublishBeforeAcknowledge_RestartRepublishes_TaskStillOpenedOnce() => RunAsync(bus => new DyingAfterPublish(bus));

    private async Task RunAsync(Func<InProcessEventBus, IEventTransport> dyingTransport)
    {
        var connection = redis.NewConnectionString();
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        var settings = ServiceFactory<PostingGrpcService>.RedisSettings(connection);
        settings["Storage:OutboxClaimTimeout"] = "00:00:00.300";

        await using var coding = new ServiceFactory<CodingGrpcService>(ServiceFactory<CodingGrpcService>.RedisSettings(connection), s => s.AddSingleton(bus));
        var codingClient = new CodingService.CodingServiceClient(coding.CreateChannel());

        await using (var doomed = new ServiceFactory<PostingGrpcService>(settings, s =>
        {
            s.AddSingleton(bus);
            s.AddSingleton(dyingTransport(bus));
        }))
        {
            var posting = new PostingService.PostingServiceClient(doomed.CreateChannel());
            var result = await posting.PostRemittanceAsync(new PostRemittanceRequest { Remittance = Remittance() }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(1, result.DenialsDetected);
            await Task.Delay(300, TestContext.Current.CancellationToken); // the relay tries (and "dies") at least once
            Assert.Equal(2, await doomed.Services.GetRequiredService<RedisDocumentStore>().OutboxLengthAsync());
        } // the posting process is gone; its outbox stays in Redis

        await using var restarted = new ServiceFactory<PostingGrpcService>(settings, s => s.AddSingleton(bus));
        _ = restarted.Server; // start: the relay picks up what the dead process left

        await Eventually.MatchAsync(() => restarted.Services.GetRequiredService<RedisDocumentStore>().OutboxLengthAsync(), length => length == 0);
        var tasks = await codingClient.ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), cancellationToken: TestContext.Current.CancellationToken);
        var task = Assert.Single(tasks.Tasks);
        Assert.Equal(("C1", "C1-2", "97"), (task.ClaimId, task.LineItemControlNumber, task.ReasonCode));
    }

    private static Proto.Remittance Remittance()
    {
        var remittance = new Proto.Remittance { PayerId = "12345", TraceNumber = "TRN-" + Guid.NewGuid().ToString("N")[..8], TotalPaidCents = 7_000 };
        var claim = new ClaimPayment { PatientControlNumber = "C1", StatusCode = "1", ChargeCents = 14_500, PaidCents = 7_000, PatientResponsibilityCents = 2_000, PayerClaimControlNumber = "ICN-1" };
        var paid = new LinePayment { LineItemControlNumber = "C1-1", ProcedureCode = "99213", ChargeCents = 12_500, PaidCents = 7_000, Units = 1 };
        paid.Adjustments.Add(new Adjustment { GroupCode = "CO", ReasonCode = "45", AmountCents = 3_500 });
        paid.Adjustments.Add(new Adjustment { GroupCode = "PR", ReasonCode = "2", AmountCents = 2_000 });
        var denied = new LinePayment { LineItemControlNumber = "C1-2", ProcedureCode = "82947", ChargeCents = 2_000, PaidCents = 0, Units = 1 };
        denied.Adjustments.Add(new Adjustment { GroupCode = "CO", ReasonCode = "97", AmountCents = 2_000 });
        claim.Lines.Add(paid);
        claim.Lines.Add(denied);
        remittance.Claims.Add(claim);
        return remittance;
    }
}

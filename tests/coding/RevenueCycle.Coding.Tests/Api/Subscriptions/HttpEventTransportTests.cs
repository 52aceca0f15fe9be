using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.Coding.Api.Grpc;
using RevenueCycle.Coding.Tests.Domain.UseCases;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Messaging;
using RevenueCycle.Testing;

namespace RevenueCycle.Coding.Tests.Api.Subscriptions;

/// <summary>The sidecar-free transport of <c>make run-distributed</c>, delivering to the coding host's Dapr endpoints.</summary>
[RequiresRedis]
public sealed class HttpEventTransportTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncDisposable
{
    private readonly ServiceFactory<CodingGrpcService> _coding = new(ServiceFactory<CodingGrpcService>.RedisSettings(redis.NewConnectionString()));

    private HttpEventTransport Transport(string app) =>
        new(_coding.CreateClient(), new MessagingOptions { Subscribers = [app], MaxDeliveryAttempts = 2 }, "posting", NullLogger<HttpEventTransport>.Instance);

    [Fact]
    public async Task Publish_DiscoversTheRouteAndDeliversACloudEvent()
    {
        var denial = CorrectionUseCasesTests.Denial() with { Id = Guid.NewGuid().ToString("N") };

        await Transport("http://localhost/").PublishAsync(OutboxMessage.From(denial), TestContext.Current.CancellationToken);

        var tasks = await new CodingService.CodingServiceClient(_coding.CreateChannel()).ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(denial.Id, Assert.Single(tasks.Tasks).SourceEventId);
    }

    [Fact]
    public async Task Publish_MalformedEvent_IsTakenAndSetAsideByTheSubscriber()
    {
        var poison = new OutboxMessage("evt-poison", "claim-denied", """{"id":"evt-poison","deniedCents":"many"}""", DateTimeOffset.UtcNow);

        await Transport("http://localhost/").PublishAsync(poison, TestContext.Current.CancellationToken);

        var deadLetter = Assert.Single(await _coding.Services.GetRequiredService<DeadLetterStore>().ListAsync(10, TestContext.Current.CancellationToken));
        Assert.Equal("evt-poison", deadLetter.EventId);
    }

    [Fact]
    public async Task Publish_TopicNobodyWants_IsANoOp()
    {
        var requests = new RecordingHandler(_coding.Server.CreateHandler());
        var transport = new HttpEventTransport(
            new HttpClient(requests) { BaseAddress = _coding.Server.BaseAddress }, new MessagingOptions { Subscribers = ["http://localhost/"], MaxDeliveryAttempts = 2 }, "posting",
            NullLogger<HttpEventTransport>.Instance);

        await transport.PublishAsync(new OutboxMessage("e", "claim-adjudicated", "{}", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        // Coding does not subscribe to claim-adjudicated: the transport asks for the subscriptions and posts nothing.
        Assert.Equal(["GET /dapr/subscribe"], requests.Requests);
        Assert.Empty(await _coding.Services.GetRequiredService<DeadLetterStore>().ListAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Publish_SubscriberDown_FailsSoTheOutboxKeepsTheMessage()
    {
        var transport = new HttpEventTransport(new HttpClient(), new MessagingOptions { Subscribers = [$"http://127.0.0.1:{TestPorts.Free()}/"], MaxDeliveryAttempts = 1 }, "posting", NullLogger<HttpEventTransport>.Instance);

        await Assert.ThrowsAsync<HttpRequestException>(() => transport.PublishAsync(OutboxMessage.From(CorrectionUseCasesTests.Denial()), TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync() => await _coding.DisposeAsync();

    private sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}

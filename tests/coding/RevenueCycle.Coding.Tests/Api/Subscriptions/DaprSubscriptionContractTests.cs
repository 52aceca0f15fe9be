using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr.Client;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Coding.Api.Grpc;
using RevenueCycle.Coding.Tests.Domain.UseCases;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Messaging;
using RevenueCycle.Testing;

namespace RevenueCycle.Coding.Tests.Api.Subscriptions;

/// <summary>
/// The coding host as daprd sees it, over a real Redis: the subscription list, CloudEvents delivered to the
/// claim-denied route, poison messages set aside, and coding-corrected published through DaprClient.
/// </summary>
[RequiresRedis]
public sealed class DaprSubscriptionContractTests : IClassFixture<RedisFixture>, IAsyncDisposable
{
    private readonly ServiceFactory<CodingGrpcService> _factory;
    private readonly IReadOnlyCollection<RecordingDaprClient.Publication> _publications;

    public DaprSubscriptionContractTests(RedisFixture redis)
    {
        var settings = ServiceFactory<CodingGrpcService>.RedisSettings(redis.NewConnectionString());
        settings["Messaging:Transport"] = "Dapr";
        var (client, publications) = RecordingDaprClient.Create();
        _publications = publications;
        _factory = new ServiceFactory<CodingGrpcService>(settings, services => services.AddSingleton<DaprClient>(client));
    }

    [Fact]
    public async Task Subscribe_ListsClaimDeniedWithItsRouteAndDeadLetterTopic()
    {
        using var http = _factory.CreateClient();

        var subscriptions = await http.GetFromJsonAsync<JsonElement>("/dapr/subscribe", TestContext.Current.CancellationToken);

        var entries = subscriptions.EnumerateArray().ToArray();
        var claimDenied = entries.Single(e => e.GetProperty("topic").GetString() == Topics.ClaimDenied);
        Assert.Equal("pubsub", claimDenied.GetProperty("pubsubName").GetString());
        Assert.Equal("events/claim-denied", claimDenied.GetProperty("route").GetString());
        Assert.Equal("coding.claim-denied.deadletter", claimDenied.GetProperty("deadLetterTopic").GetString());
        Assert.Contains(entries, e => e.GetProperty("topic").GetString() == "coding.claim-denied.deadletter");
    }

    [Fact]
    public async Task CloudEvent_PostedAsDaprdWould_OpensACorrectionTaskOnce()
    {
        using var http = _factory.CreateClient();
        var denial = CorrectionUseCasesTests.Denial() with { Id = Guid.NewGuid().ToString("N") };

        using var first = await PostCloudEventAsync(http, "/events/claim-denied", Topics.ClaimDenied, DocumentJson.Serialize(denial));
        using var redelivered = await PostCloudEventAsync(http, "/events/claim-denied", Topics.ClaimDenied, DocumentJson.Serialize(denial));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("SUCCESS", (await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var coding = new CodingService.CodingServiceClient(_factory.CreateChannel());
        var tasks = await coding.ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), cancellationToken: TestContext.Current.CancellationToken);
        var task = Assert.Single(tasks.Tasks);
        Assert.Equal(denial.ClaimId, task.ClaimId);
    }

    [Fact]
    public async Task MalformedEvent_IsDroppedToTheDeadLetterStoreNotRetried()
    {
        using var http = _factory.CreateClient();

        using var response = await PostCloudEventAsync(http, "/events/claim-denied", Topics.ClaimDenied, """{"id":"evt-bad","claimId":42}""");

        Assert.Equal("DROP", (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString());
        var deadLetters = await _factory.Services.GetRequiredService<DeadLetterStore>().ListAsync(10, TestContext.Current.CancellationToken);
        var deadLetter = Assert.Single(deadLetters);
        Assert.Equal("evt-bad", deadLetter.EventId);
        Assert.Contains("$.claimId", deadLetter.Reason);
    }

    [Fact]
    public async Task DeadLetterTopic_DeliveryIsRecorded()
    {
        using var http = _factory.CreateClient();
        var denial = CorrectionUseCasesTests.Denial() with { Id = "evt-dead" };

        using var response = await PostCloudEventAsync(http, "/events/coding.claim-denied.deadletter", "coding.claim-denied.deadletter", DocumentJson.Serialize(denial));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deadLetter = Assert.Single(await _factory.Services.GetRequiredService<DeadLetterStore>().ListAsync(10, TestContext.Current.CancellationToken));
        Assert.Equal(("evt-dead", Topics.ClaimDenied), (deadLetter.EventId, deadLetter.Topic));
    }

    [Fact]
    public async Task CompletedCorrection_IsPublishedThroughDaprClient()
    {
        using var http = _factory.CreateClient();
        var denial = CorrectionUseCasesTests.Denial() with { Id = Guid.NewGuid().ToString("N") };
        using var _ = await PostCloudEventAsync(http, "/events/claim-denied", Topics.ClaimDenied, DocumentJson.Serialize(denial));
        var coding = new CodingService.CodingServiceClient(_factory.CreateChannel());
        var task = (await coding.ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), cancellationToken: TestContext.Current.CancellationToken)).Tasks.Single();

        var request = new CompleteCorrectionRequest { TaskId = task.TaskId, IdempotencyKey = "fix-1", Actor = "coder-a" };
        request.CorrectedLines.Add(new CorrectedLine { LineItemControlNumber = task.LineItemControlNumber, ProcedureCode = "G0439", Units = 1 });
        await coding.CompleteCorrectionAsync(request, cancellationToken: TestContext.Current.CancellationToken);

        var publication = await Eventually.SingleAsync(() => _publications.Where(p => p.Topic == Topics.CodingCorrected));
        Assert.Equal("pubsub", publication.PubsubName);
        var payload = Assert.IsType<JsonElement>(publication.Data);
        Assert.Equal(task.TaskId, payload.GetProperty("taskId").GetString());
        Assert.Equal("ICN-778899", payload.GetProperty("payerClaimControlNumber").GetString());
        Assert.Equal("G0439", payload.GetProperty("lines")[0].GetProperty("procedureCode").GetString());
        Assert.False(payload.TryGetProperty("documentation", out JsonElement _));
    }

    [Fact]
    public async Task WithAnAppToken_OnlyDaprdsCallsAreTaken()
    {
        await using var guarded = _factory.WithWebHostBuilder(b => b.UseSetting("APP_API_TOKEN", "sidecar-secret"));
        using var http = guarded.CreateClient();
        var denial = DocumentJson.Serialize(CorrectionUseCasesTests.Denial() with { Id = Guid.NewGuid().ToString("N") });

        using var forged = await PostCloudEventAsync(http, "/events/claim-denied", Topics.ClaimDenied, denial);
        http.DefaultRequestHeaders.Add("dapr-api-token", "sidecar-secret");
        using var fromDaprd = await PostCloudEventAsync(http, "/events/claim-denied", Topics.ClaimDenied, denial);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromDaprd.StatusCode);
    }

    private static Task<HttpResponseMessage> PostCloudEventAsync(HttpClient http, string route, string topic, string dataJson)
    {
        var cloudEvent = $$"""
            {"specversion":"1.0","id":"{{Guid.NewGuid():N}}","source":"posting","type":"com.dapr.event.sent","topic":"{{topic}}",
             "pubsubname":"pubsub","datacontenttype":"application/json","traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
             "data":{{dataJson}}}
            """;
        return http.PostAsync(route, new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

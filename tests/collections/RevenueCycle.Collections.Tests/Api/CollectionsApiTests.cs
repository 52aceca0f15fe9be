using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Api.Grpc;
using RevenueCycle.Collections.Tests.Domain.UseCases;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Messaging;
using RevenueCycle.Testing;

namespace RevenueCycle.Collections.Tests.Api;

[RequiresRedis]
public sealed class CollectionsApiTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncDisposable
{
    private readonly ServiceFactory<CollectionsGrpcService> _factory = new(ServiceFactory<CollectionsGrpcService>.RedisSettings(redis.NewConnectionString()));

    [Fact]
    public async Task Events_ThenPaymentOverJson_UpdateTheAccountInRedis()
    {
        var dispatcher = _factory.Services.GetRequiredService<EventDispatcher>();
        await dispatcher.DispatchAsync("claim-submitted", DocumentJson.Serialize(AccountUseCasesTests.Submitted()), TestContext.Current.CancellationToken);
        await dispatcher.DispatchAsync("claim-adjudicated", DocumentJson.Serialize(AccountUseCasesTests.Adjudicated()), TestContext.Current.CancellationToken);
        using var http = _factory.CreateClient();

        using var payment = await http.PostAsJsonAsync("/v1/collections/accounts/acct-1/payments", new { idempotencyKey = "p-1", amountCents = "500", method = "card" }, TestContext.Current.CancellationToken);
        var client = new CollectionsService.CollectionsServiceClient(_factory.CreateChannel());
        var account = await client.GetAccountAsync(new GetAccountRequest { AccountId = "acct-1" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, payment.StatusCode);
        Assert.Equal("1500", (await payment.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("patientBalanceCents").ToString());
        Assert.Equal(1_500, account.PatientBalanceCents);
        Assert.Equal(5, account.Ledger.Count);
    }

    [Fact]
    public async Task Subscriptions_ListBothTopics()
    {
        using var http = _factory.CreateClient();

        var subscriptions = await http.GetFromJsonAsync<JsonElement>("/dapr/subscribe", TestContext.Current.CancellationToken);

        var topics = subscriptions.EnumerateArray().Select(e => e.GetProperty("topic").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "claim-submitted", "claim-adjudicated" }, topics);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

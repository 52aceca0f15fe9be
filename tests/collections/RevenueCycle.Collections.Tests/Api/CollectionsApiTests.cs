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

    private CollectionsService.CollectionsServiceClient Client() => new(_factory.CreateChannel());

    private Task PublishAsync(string topic, object e) =>
        _factory.Services.GetRequiredService<EventDispatcher>().DispatchAsync(topic, DocumentJson.Serialize(e), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ASecondaryPayer_PaysPartOfWhatThePrimaryLeft_AndThePatientOwesTheRest()
    {
        await PublishAsync("claim-submitted", AccountUseCasesTests.Submitted() with { SecondaryExpected = true });
        await PublishAsync("claim-adjudicated", AccountUseCasesTests.Adjudicated()); // primary: 7,000 paid, 2,000 left to the patient
        var waiting = await Client().GetAccountAsync(new GetAccountRequest { AccountId = "acct-1" }, cancellationToken: TestContext.Current.CancellationToken);

        await PublishAsync("claim-submitted", AccountUseCasesTests.Submitted("SC1") with { SecondaryOf = "C1", Id = "submitted-secondary", PayerId = "67890" });
        await PublishAsync("claim-adjudicated", new BuildingBlocks.IntegrationEvents.ClaimAdjudicatedIntegrationEvent("SC1", "rem-2", "67890", "ICN2", "2", 14_500, 1_600, 0, 400, null));
        var account = await Client().GetAccountAsync(new GetAccountRequest { AccountId = "acct-1" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((0L, 2_000L), (waiting.PatientBalanceCents, waiting.InsurancePendingCents)); // nothing is the patient's while the secondary has to answer
        Assert.Equal((400L, 0L), (account.PatientBalanceCents, account.InsurancePendingCents));
        Assert.Equal(8_600, account.Claims.Single().InsurancePaidCents);
        Assert.Equal(account.PatientBalanceCents, account.Ledger.Sum(e => e.Kind is "PATIENT_RESPONSIBILITY" or "PATIENT_PAYMENT" or "REFUND" or "WRITE_OFF" ? e.AmountCents : 0));
    }

    [Fact]
    public async Task AReversalAndCorrection_AfterThePatientPaid_LeavesACredit_ThatIsRefundedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await PublishAsync("claim-submitted", AccountUseCasesTests.Submitted());
        await PublishAsync("claim-adjudicated", AccountUseCasesTests.Adjudicated());
        await Client().RecordPatientPaymentAsync(new RecordPatientPaymentRequest { AccountId = "acct-1", IdempotencyKey = "pay-1", AmountCents = 2_000, Method = "card" }, cancellationToken: ct);
        // The payer takes its answer back (CLP02 22, negative amounts) and sends the corrected one: the patient owes 1,200, not 2,000.
        await PublishAsync("claim-adjudicated", new BuildingBlocks.IntegrationEvents.ClaimAdjudicatedIntegrationEvent("C1", "rem-3", "12345", "ICN", "22", -14_500, -7_000, -5_500, -2_000, null));
        await PublishAsync("claim-adjudicated", new BuildingBlocks.IntegrationEvents.ClaimAdjudicatedIntegrationEvent("C1", "rem-3", "12345", "ICN", "1", 14_500, 7_800, 5_500, 1_200, null));

        var credit = await Client().GetAccountAsync(new GetAccountRequest { AccountId = "acct-1" }, cancellationToken: ct);
        var over = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => Client().RefundPatientCreditAsync(
            new RefundPatientCreditRequest { AccountId = "acct-1", IdempotencyKey = "refund-0", AmountCents = 801, Method = "card" }, cancellationToken: ct).ResponseAsync);
        var refund = new RefundPatientCreditRequest { AccountId = "acct-1", IdempotencyKey = "refund-1", AmountCents = 800, Method = "card" };
        await Client().RefundPatientCreditAsync(refund, cancellationToken: ct);
        var refunded = await Client().RefundPatientCreditAsync(refund, cancellationToken: ct); // a retry
        var worklist = await Client().ListAccountsAsync(new ListAccountsRequest { Credits = true }, cancellationToken: ct);

        Assert.Equal((800L, 0L, 0L), (credit.CreditCents, credit.InsurancePendingCents, credit.Claims.Single().PatientBalanceCents));
        Assert.Equal(global::Grpc.Core.StatusCode.InvalidArgument, over.StatusCode);
        Assert.Equal((0L, 0L), (refunded.CreditCents, refunded.PatientBalanceCents));
        Assert.Single(refunded.Ledger, e => e.Kind == "REFUND");
        Assert.Empty(worklist.Accounts);
    }

    [Fact]
    public async Task TheSameEventDeliveredTwice_PostsOnce()
    {
        var submitted = AccountUseCasesTests.Submitted();
        var adjudicated = AccountUseCasesTests.Adjudicated();
        await PublishAsync("claim-submitted", submitted);
        await PublishAsync("claim-adjudicated", adjudicated);
        var once = await Client().GetAccountAsync(new GetAccountRequest { AccountId = "acct-1" }, cancellationToken: TestContext.Current.CancellationToken);

        await PublishAsync("claim-adjudicated", adjudicated);
        await PublishAsync("claim-submitted", submitted);
        var twice = await Client().GetAccountAsync(new GetAccountRequest { AccountId = "acct-1" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((2_000L, once.Ledger.Count, once.Version), (twice.PatientBalanceCents, twice.Ledger.Count, twice.Version));
    }

    [Fact]
    public async Task AnEarlyAgencyPlacement_IsRefusedUnder501r_WithTheReason_AndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await PublishAsync("claim-submitted", AccountUseCasesTests.Submitted());
        await PublishAsync("claim-adjudicated", AccountUseCasesTests.Adjudicated());
        var run = await Client().RunStatementsAsync(new RunStatementsRequest(), cancellationToken: ct);
        var before = await Client().GetAccountAsync(new GetAccountRequest { AccountId = "acct-1" }, cancellationToken: ct);

        var refused = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() =>
            Client().PlaceWithAgencyAsync(new PlaceWithAgencyRequest { AccountId = "acct-1", AgencyId = "ACME" }, cancellationToken: ct).ResponseAsync);
        var after = await Client().GetAccountAsync(new GetAccountRequest { AccountId = "acct-1" }, cancellationToken: ct);

        Assert.Single(run.StatementIds);
        Assert.Equal(global::Grpc.Core.StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("IRS 501(r): no extraordinary collection action before the 120-day notification period ends on", refused.Status.Detail);
        Assert.Equal((before.Version, 2_000L, "STATEMENT_1"), (after.Version, after.PatientBalanceCents, after.Dunning.Single().Step));
        Assert.Null(after.Placement);
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

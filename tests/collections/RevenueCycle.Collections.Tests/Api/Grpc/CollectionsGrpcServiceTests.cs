using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Collections.Api.Grpc;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Collections.Tests.Domain.UseCases;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Testing;

namespace RevenueCycle.Collections.Tests.Api.Grpc;

/// <summary>The collections gRPC adapter called directly.</summary>
public sealed class CollectionsGrpcServiceTests
{
    private readonly AccountUseCases _accounts = new(new InMemoryDocumentStore(), new FakeTimeProvider());
    private readonly CollectionsGrpcService _service;

    public CollectionsGrpcServiceTests() => _service = new CollectionsGrpcService(_accounts);

    [Fact]
    public async Task GetAccount_Unknown_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _service.GetAccount(new GetAccountRequest { AccountId = "nobody" }, TestServerCallContext.Create()));
    }

    [Fact]
    public async Task RecordPatientPayment_MapsBalancesAndLedger()
    {
        await _accounts.HandleAsync(AccountUseCasesTests.Submitted(), TestContext.Current.CancellationToken);
        await _accounts.HandleAsync(AccountUseCasesTests.Adjudicated(), TestContext.Current.CancellationToken);

        var account = await _service.RecordPatientPayment(new RecordPatientPaymentRequest { AccountId = "acct-1", IdempotencyKey = "p", AmountCents = 2_500, Method = "cash" }, TestServerCallContext.Create());

        var claim = account.Claims.Single();
        Assert.Equal((2_000L, 0L, 500L, -500L), (claim.PatientPaidCents, claim.PatientBalanceCents, account.UnappliedCents, account.PatientBalanceCents));
        Assert.Equal("PATIENT_PAYMENT", account.Ledger.Last().Kind);
        Assert.Equal(-2_500, account.Ledger.Last().AmountCents);
    }
}

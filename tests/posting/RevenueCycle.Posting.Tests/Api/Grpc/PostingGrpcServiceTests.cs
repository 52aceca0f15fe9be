using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Api;
using RevenueCycle.Posting.Api.Grpc;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.Testing;

namespace RevenueCycle.Posting.Tests.Api.Grpc;

/// <summary>The posting gRPC adapter called directly.</summary>
public sealed class PostingGrpcServiceTests
{
    private readonly PostingGrpcService _service;

    public PostingGrpcServiceTests()
    {
        var store = new InMemoryDocumentStore();
        var remittances = new RemittanceUseCases(store, new FakeTimeProvider());
        _service = new PostingGrpcService(remittances, new RemittanceQueries(store), new DenialUseCases(store, new FakeTimeProvider()), new RemittanceFileUseCases(remittances), new UnmatchedUseCases(store), new DepositUseCases(store, new FakeTimeProvider()), new UnderpaymentUseCases(store), new PostingOptions(),
            new PostingTables(PostingSettings.Default, null));
    }

    private static Remittance Remittance()
    {
        var remittance = new Remittance { PayerId = "12345", TraceNumber = "T1", TotalPaidCents = 0 };
        var claim = new ClaimPayment { PatientControlNumber = "C1", StatusCode = "4", ChargeCents = 10_000, PayerClaimControlNumber = "ICN" };
        claim.Adjustments.Add(new Adjustment { GroupCode = "co", ReasonCode = " 27 ", AmountCents = 10_000 });
        remittance.Claims.Add(claim);
        return remittance;
    }

    [Fact]
    public async Task PostRemittance_WithAnId_IsRefused()
    {
        var remittance = Remittance();
        remittance.RemittanceId = "rem_mine";

        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.PostRemittance(new PostRemittanceRequest { Remittance = remittance }, TestServerCallContext.Create()));

        Assert.Equal("remittance.remittance_id", error.Violations.Single().Field);
    }

    [Fact]
    public async Task PostRemittance_NormalizesCodesAndListsTheDenial()
    {
        var posted = await _service.PostRemittance(new PostRemittanceRequest { Remittance = Remittance() }, TestServerCallContext.Create());
        var denials = await _service.ListDenials(new ListDenialsRequest { Category = DenialCategory.Eligibility }, TestServerCallContext.Create());
        var stored = await _service.GetRemittance(new GetRemittanceRequest { RemittanceId = posted.RemittanceId }, TestServerCallContext.Create());

        var denial = Assert.Single(denials.Denials);
        Assert.Equal(("CO", "27", "front-end", ""), (denial.GroupCode, denial.ReasonCode, denial.RootCause, denial.LineItemControlNumber));
        Assert.Equal("CO", stored.Claims[0].Adjustments[0].GroupCode);
    }

    [Fact]
    public async Task PriceServices_NoScheduleLoaded_SaysSoAndPricesNothing()
    {
        var request = new PriceServicesRequest { PayerId = "12345" };
        request.Services.Add(new ServiceToPrice { ProcedureCode = "99213", Units = 1, PlaceOfService = "11" });

        var response = await _service.PriceServices(request, TestServerCallContext.Create());

        Assert.True(response.NoSchedule);
        Assert.False(Assert.Single(response.Services).HasAllowedCents);
    }

    [RequiresSharedData]
    [Fact]
    public async Task PriceServices_TheMedicareFeeScheduleBaseline_WhereNoContractRate()
    {
        var mpfs = ReferenceData.Fees.PhysicianFeeSchedule.Load(SharedData.File("data", "mpfs", "pprrvu_2025_jan.csv"), SharedData.File("data", "mpfs", "gpci_2025.csv"));
        var expected = new Posting.Domain.Rules.ExpectedPayments(mpfs, ReferenceData.Fees.ContractFeeSchedule.Empty, Posting.Domain.Rules.UnderpaymentSettings.Default);
        var store = new InMemoryDocumentStore();
        var remittances = new RemittanceUseCases(store, new FakeTimeProvider());
        var service = new PostingGrpcService(remittances, new RemittanceQueries(store), new DenialUseCases(store, new FakeTimeProvider()), new RemittanceFileUseCases(remittances), new UnmatchedUseCases(store),
            new DepositUseCases(store, new FakeTimeProvider()), new UnderpaymentUseCases(store), new PostingOptions(), new PostingTables(PostingSettings.Default, expected));
        var request = new PriceServicesRequest { PayerId = "12345" };
        request.Services.Add(new ServiceToPrice { ProcedureCode = "99213", Units = 1, PlaceOfService = "11" });
        request.Services.Add(new ServiceToPrice { ProcedureCode = "ZZZZZ", Units = 1, PlaceOfService = "11" });

        var response = await service.PriceServices(request, TestServerCallContext.Create());

        Assert.False(response.NoSchedule);
        Assert.Equal(8_895, response.Services[0].AllowedCents); // national 99213 non-facility, CY 2025 January release
        Assert.Contains("Medicare PFS", response.Services[0].Basis);
        Assert.False(response.Services[1].HasAllowedCents);
    }
}

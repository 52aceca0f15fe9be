using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Eligibility.Api.Grpc;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Eligibility.Tests.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Testing;

namespace RevenueCycle.Eligibility.Tests.Api.Grpc;

/// <summary>The gRPC adapter called directly: mapping in and out, and field paths of mapping errors.</summary>
public sealed class EligibilityGrpcServiceTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly EligibilityGrpcService _service;

    public EligibilityGrpcServiceTests()
    {
        var store = new InMemoryDocumentStore();
        var coverages = new CoverageUseCases(store);
        var eligibility = new EligibilityUseCases(store, new ScriptedExchange(Clock), coverages, EligibilityOptions.Default, Clock);
        var authorizations = new AuthorizationUseCases(store, Clock);
        _service = new EligibilityGrpcService(coverages, eligibility, authorizations, new FrontEndUseCases(store, coverages, eligibility, authorizations, Clock),
            new EstimateUseCases(coverages, eligibility, new FixedFeeSchedule()), new GoodFaithEstimateUseCases(store, new FixedFeeSchedule(), Clock));
    }

    public static RegisterCoverageRequest Request(string key = "k1") => new()
    {
        IdempotencyKey = key,
        Coverage = new Coverage
        {
            PatientId = "pat-1",
            Payer = new Payer { PayerId = "12345", Name = "Plan" },
            Subscriber = new Subscriber { MemberId = "M1", RelationshipToPatient = Relationship.Self },
            EffectiveDate = new Google.Type.Date { Year = 2026, Month = 1, Day = 1 },
            Benefits = new Benefits { CoinsuranceBasisPoints = 2000, DeductibleCents = 50_000 },
        },
    };

    [Fact]
    public async Task RegisterThenEstimate_ComputesFromTheStoredBenefits()
    {
        var coverage = await _service.RegisterCoverage(Request(), TestServerCallContext.Create());

        var estimate = await _service.EstimatePatientCost(
            new EstimatePatientCostRequest { CoverageId = coverage.CoverageId, DateOfService = new Google.Type.Date { Year = 2026, Month = 3, Day = 2 }, AllowedCents = 60_000 },
            TestServerCallContext.Create());

        Assert.Equal(1, coverage.Version);
        Assert.Equal(50_000, estimate.DeductibleCents);
        Assert.Equal(2_000, estimate.CoinsuranceCents);
        Assert.Equal(8_000, estimate.PlanPaysCents);
    }

    [Fact]
    public async Task Register_ImpossibleDate_NamesTheField()
    {
        var request = Request();
        request.Coverage.EffectiveDate = new Google.Type.Date { Year = 2026, Month = 2, Day = 30 };

        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.RegisterCoverage(request, TestServerCallContext.Create()));

        Assert.Equal("coverage.effective_date", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task Register_WithCoverageId_IsRefused()
    {
        var request = Request();
        request.Coverage.CoverageId = "cov_mine";

        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.RegisterCoverage(request, TestServerCallContext.Create()));

        Assert.Contains(error.Violations, v => v.Field == "coverage.coverage_id");
    }
    [Fact]
    public async Task Check_ByPayerAndMember_MapsTheAnswer()
    {
        var request = new CheckEligibilityRequest
        {
            PayerId = "12345",
            Subscriber = new Subscriber { MemberId = "W1C", Name = new PersonName { Last = "DOE", First = "JANE" } },
            DateOfService = new Google.Type.Date { Year = 2026, Month = 3, Day = 2 },
        };

        var answer = await _service.CheckEligibility(request, TestServerCallContext.Create());

        Assert.Equal((CoverageStatus.Active, "SANDBOX PPO", "GRP-SANDBOX-01", "IND"), (answer.Status, answer.PlanName, answer.GroupNumber, answer.CoverageLevel));
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 1, Day = 1 }, answer.CoverageFrom);
        var other = Assert.Single(answer.OtherCoverage);
        Assert.Equal(("99999", "primary"), (other.PayerId, other.Priority));
        var deductible = answer.Amounts.First(a => a.Kind == BenefitKind.Deductible && a.Period == AmountPeriod.Remaining);
        Assert.Equal((0L, Network.InNetwork, "IND", "29"), (deductible.Cents, deductible.Network, deductible.CoverageLevel, deductible.TimePeriodCode));
        Assert.False(deductible.HasBasisPoints);
    }

    [Fact]
    public async Task Check_CoverageAndPayerTogether_IsRefused()
    {
        var request = new CheckEligibilityRequest { CoverageId = "cov_1", PayerId = "12345", DateOfService = new Google.Type.Date { Year = 2026, Month = 3, Day = 2 } };

        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.CheckEligibility(request, TestServerCallContext.Create()));

        Assert.Equal("payer_id", Assert.Single(error.Violations).Field);
    }
}

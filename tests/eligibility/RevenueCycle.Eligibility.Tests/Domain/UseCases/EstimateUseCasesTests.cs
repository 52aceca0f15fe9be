using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Ports;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Eligibility.Tests.Domain.UseCases;

/// <summary>A fee schedule for tests: 99213 $100.00, 82947 $16.00, anything else unpriced.</summary>
public sealed class FixedFeeSchedule : IFeeSchedule
{
    public Task<IReadOnlyList<ServicePrice>> PriceAsync(string payerId, IReadOnlyList<EstimateService> services, DateOnly dateOfService, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServicePrice>>(services.Select(s => s.ProcedureCode.Trim() switch
        {
            "99213" => new ServicePrice(10_000 * Math.Max(1, (long)s.Units), $"contract {payerId} 99213"),
            "82947" => new ServicePrice(1_600, "Medicare PFS test"),
            _ => new ServicePrice(null, ""),
        }).ToList());
}

/// <summary>Estimates from the payer's 271 (or the registered benefits), priced by the fee schedule or by what the caller gives.</summary>
public sealed class EstimateUseCasesTests
{
    private static readonly DateOnly Dos = new(2026, 3, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly CoverageUseCases _coverages;
    private readonly EligibilityUseCases _eligibility;
    private readonly EstimateUseCases _estimates;

    public EstimateUseCasesTests()
    {
        var store = new InMemoryDocumentStore();
        _coverages = new CoverageUseCases(store);
        _eligibility = new EligibilityUseCases(store, new ScriptedExchange(_clock), _coverages, EligibilityOptions.Default, _clock);
        _estimates = new EstimateUseCases(_coverages, _eligibility, new FixedFeeSchedule());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EstimateRequest Request(string coverageId, params EstimateService[] services) => new(coverageId, "", Dos, "", Network.Unspecified, services, 0);

    private static EstimateService Service(string code, long? allowed = null) => new(code, [], 1, "11", allowed);

    [Fact]
    public async Task FromThe271_DeductibleThenCoinsurance_PricedByTheFeeSchedule()
    {
        var coverage = (await _coverages.RegisterAsync("k1", CoverageUseCasesTests.Command("EST1D"), Ct)).Value; // the sandbox's D: $50 left, 20%
        var check = await _eligibility.CheckCoverageAsync(coverage.CoverageId, Dos, ["30"], null, [], Ct);

        var estimate = await _estimates.EstimateAsync(Request(coverage.CoverageId, Service("99213"), Service("82947")), Ct);

        Assert.Equal(check.Check.Snapshot!.SnapshotId, estimate.SnapshotId);
        Assert.Equal(["contract 12345 99213", "Medicare PFS test"], estimate.Lines.Select(l => l.Basis));
        Assert.Equal((11_600L, 5_000L, 1_320L, 6_320L, 5_280L), (estimate.AllowedCents, estimate.DeductibleCents, estimate.CoinsuranceCents, estimate.PatientTotalCents, estimate.PlanPaysCents));
    }

    [Fact]
    public async Task OfficeVisit_TheCopayFromThe271()
    {
        var coverage = (await _coverages.RegisterAsync("k1", CoverageUseCasesTests.Command("EST2"), Ct)).Value; // clean member: $25 office copay
        await _eligibility.CheckCoverageAsync(coverage.CoverageId, Dos, ["98"], null, [], Ct);

        var estimate = await _estimates.EstimateAsync(Request(coverage.CoverageId, Service("99213")) with { ServiceType = "98" }, Ct);

        Assert.Equal((2_500L, 2_500L, 7_500L), (estimate.CopayCents, estimate.PatientTotalCents, estimate.PlanPaysCents));
    }

    [Fact]
    public async Task NoCheckOnFile_TheRegisteredBenefits()
    {
        var command = CoverageUseCasesTests.Command("EST3") with { Benefits = new Benefits(0, 2000, 50_000, 0, 0, 0, []) };
        var coverage = (await _coverages.RegisterAsync("k1", command, Ct)).Value;

        var estimate = await _estimates.EstimateAsync(Request(coverage.CoverageId) with { AllowedCents = 60_000 }, Ct);

        Assert.Equal((50_000L, 2_000L, 8_000L), (estimate.DeductibleCents, estimate.CoinsuranceCents, estimate.PlanPaysCents));
        Assert.Contains("registered", estimate.Terms.Source);
        Assert.Equal("", estimate.SnapshotId);
    }

    [Fact]
    public async Task UnpricedService_IsAFieldErrorNamingIt()
    {
        var coverage = (await _coverages.RegisterAsync("k1", CoverageUseCasesTests.Command("EST4"), Ct)).Value;

        var error = await Assert.ThrowsAsync<ValidationException>(() => _estimates.EstimateAsync(Request(coverage.CoverageId, Service("99213"), Service("70553")), Ct));

        Assert.Equal("services[1].allowed_cents", Assert.Single(error.Violations).Field);
        Assert.Contains("70553", error.Violations[0].Description);
    }

    [Fact]
    public async Task InactiveCoverage_IsAFailedPrecondition()
    {
        var coverage = (await _coverages.RegisterAsync("k1", CoverageUseCasesTests.Command("EST5I"), Ct)).Value; // the payer says terminated
        await _eligibility.CheckCoverageAsync(coverage.CoverageId, Dos, [], null, [], Ct);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => _estimates.EstimateAsync(Request(coverage.CoverageId, Service("99213")), Ct));
    }
}

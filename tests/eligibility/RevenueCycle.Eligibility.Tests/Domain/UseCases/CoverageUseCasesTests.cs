using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Eligibility.Tests.Domain.UseCases;

public sealed class CoverageUseCasesTests
{
    private readonly CoverageUseCases _coverages;

    public CoverageUseCasesTests() => _coverages = new CoverageUseCases(new InMemoryDocumentStore());

    public static RegisterCoverage Command(string memberId = "M1", DateOnly? start = null, long copay = 2_500) => new(
        "pat-1", new Payer("12345", "Plan", "CI", Address.Empty),
        new Subscriber(memberId, "G1", new PersonName("Doe", "Jane", "", ""), new DateOnly(1970, 1, 1), Sex.Female, Address.Empty, Relationship.Self),
        CoveragePriority.Unspecified, "Gold", start ?? new DateOnly(2026, 1, 1), null,
        new Benefits(copay, 2000, 100_000, 0, 500_000, 0, ["70553"]));

    [Fact]
    public async Task Register_SameKeyTwice_ReturnsTheFirstCoverage()
    {
        var first = await _coverages.RegisterAsync("key-1", Command(), TestContext.Current.CancellationToken);
        var retry = await _coverages.RegisterAsync("key-1", Command(), TestContext.Current.CancellationToken);

        Assert.Equal(first.Value.CoverageId, retry.Value.CoverageId);
        Assert.Equal(CoveragePriority.Primary, first.Value.Priority);
    }

    [Fact]
    public async Task Register_SameKeyDifferentRequest_IsRefused()
    {
        await _coverages.RegisterAsync("key-1", Command(), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _coverages.RegisterAsync("key-1", Command(memberId: "M2"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Register_DifferentKeys_CreateTwoCoverages()
    {
        var a = await _coverages.RegisterAsync("key-a", Command(), TestContext.Current.CancellationToken);
        var b = await _coverages.RegisterAsync("key-b", Command(), TestContext.Current.CancellationToken);

        Assert.NotEqual(a.Value.CoverageId, b.Value.CoverageId);
    }

    [Fact]
    public async Task Register_WithoutKey_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _coverages.RegisterAsync("", Command(), TestContext.Current.CancellationToken));

        Assert.Equal("idempotency_key", error.Violations.Single().Field);
    }

    [Fact]
    public async Task Register_InvalidBenefits_NamesEveryField()
    {
        var command = Command() with { Benefits = new Benefits(-1, 12_000, 100, 200, 0, 0, []), Subscriber = null, TerminationDate = new DateOnly(2025, 1, 1) };

        var error = await Assert.ThrowsAsync<ValidationException>(() => _coverages.RegisterAsync("k", command, TestContext.Current.CancellationToken));

        Assert.Equal(
            ["coverage.subscriber", "coverage.termination_date", "coverage.benefits.copay_cents", "coverage.benefits.coinsurance_basis_points", "coverage.benefits.deductible_met_cents"],
            error.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task Get_Unknown_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _coverages.GetAsync("cov_missing", TestContext.Current.CancellationToken));
    }
}

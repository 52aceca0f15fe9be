using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Testing;

namespace RevenueCycle.Eligibility.Tests.Domain.UseCases;

/// <summary>Good Faith Estimates: the items and charges the No Surprises Act asks for, the disclaimers, and when each is due.</summary>
public sealed class GoodFaithEstimateUseCasesTests
{
    // Tuesday 2026-03-03.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero));
    private readonly GoodFaithEstimateUseCases _gfe;

    public GoodFaithEstimateUseCasesTests() => _gfe = new GoodFaithEstimateUseCases(new InMemoryDocumentStore(), new FixedFeeSchedule(), _clock);

    private static readonly GfeProvider Clinic = new("SAMPLE FAMILY PRACTICE", Samples.ValidNpi, "123456789", "Columbus, OH");
    private static readonly GfeProvider Lab = new("SAMPLE LAB", "1245319599", "987654321", "Columbus, OH");

    private static CreateGoodFaithEstimate Command(DateOnly? scheduled) => new("pat-9", "DOE", "JANE", new DateOnly(1980, 2, 29), "Office visit for diabetes follow-up with a glucose test", scheduled,
    [
        new GfeItemRequest(Clinic, "99213", "Office visit, established patient", ["E11.9"], 1, 15_000, false),
        new GfeItemRequest(Lab, "82947", "Blood glucose test", ["E11.9"], 1, null, true),
    ]);

    [Fact]
    public async Task Create_ItemsByProvider_ChargesTotalAndTheRequiredDisclaimers()
    {
        var gfe = await _gfe.CreateAsync("g1", Command(new DateOnly(2026, 3, 20)), TestContext.Current.CancellationToken);
        var again = await _gfe.CreateAsync("g1", Command(new DateOnly(2026, 3, 20)), TestContext.Current.CancellationToken);

        Assert.Equal(gfe.EstimateId, again.EstimateId);
        Assert.Equal(gfe, await _gfe.GetAsync(gfe.EstimateId, TestContext.Current.CancellationToken) with { Items = gfe.Items, Disclaimers = gfe.Disclaimers });
        Assert.Equal([(15_000L, "the provider's self-pay charge", false), (1_600L, "Medicare PFS test", true)], gfe.Items.Select(i => (i.ExpectedChargeCents, i.ChargeBasis, i.SeparatelyScheduled)));
        Assert.Equal(16_600, gfe.TotalExpectedChargeCents);
        Assert.Contains(gfe.Disclaimers, d => d.Contains("at least $400 more", StringComparison.Ordinal) && d.Contains("120 calendar days", StringComparison.Ordinal));
        Assert.Contains(gfe.Disclaimers, d => d.Contains("not a contract", StringComparison.Ordinal));
        Assert.Contains(gfe.Disclaimers, d => d.Contains("scheduled or requested separately", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-03-20", "2026-03-06", "13 business days ahead: due within 3")] // 10+ ahead: 3 business days
    [InlineData("2026-03-09", "2026-03-04", "4 business days ahead: due within 1")] // 3 to 9 ahead: 1 business day
    [InlineData("2026-03-05", null, "not required")] // fewer than 3 ahead
    [InlineData(null, "2026-03-06", "requested")]
    public void Timing_FollowsTheBusinessDayRules(string? scheduled, string? dueBy, string timing)
    {
        var (due, why) = GoodFaithEstimateUseCases.Timing(new DateOnly(2026, 3, 3), scheduled is null ? null : DateOnly.Parse(scheduled, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(dueBy is null ? null : DateOnly.Parse(dueBy, System.Globalization.CultureInfo.InvariantCulture), due);
        Assert.Contains(timing, why);
    }

    [Fact]
    public void Timing_SkipsTheWeekend()
    {
        // Friday 2026-03-06, a service 20 days out: three business days is Wednesday.
        Assert.Equal(new DateOnly(2026, 3, 11), GoodFaithEstimateUseCases.Timing(new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 26)).DueBy);
    }

    [Fact]
    public async Task Create_MissingWhatTheRuleRequires_NamesEachField()
    {
        var command = Command(null) with
        {
            PatientBirthDate = null,
            Items = [new GfeItemRequest(Clinic with { Npi = "1234567890", TaxId = "12-345" }, "99213", "", [], 1, 15_000, false)],
        };

        var error = await Assert.ThrowsAsync<ValidationException>(() => _gfe.CreateAsync("g2", command, TestContext.Current.CancellationToken));

        Assert.Equal(["patient.date_of_birth", "items[0].provider.npi", "items[0].provider.tax_id", "items[0].description"], error.Violations.Select(v => v.Field));
    }
}

using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.Testing;
using StackExchange.Redis;

namespace RevenueCycle.Scrubbing.Tests.Domain.UseCases;

/// <summary>Recording, the clean-claim rate and duplicates across claims, over a real Redis.</summary>
[RequiresRedis]
public sealed class ScrubUseCasesTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private readonly IConnectionMultiplexer _connection = redis.Connect(redis.NewConnectionString());
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Samples.DateOfService.AddDays(10), TimeOnly.MinValue, TimeSpan.Zero));

    private ScrubUseCases NewScrubs(IDocumentStore? store = null) => new(
        store ?? new RedisDocumentStore(_connection, "scrubbing", new OutboxSignal(), TimeSpan.FromDays(1), TimeSpan.FromSeconds(30)),
        new ReferenceDataCatalog(DemoPack.Load(_clock)), new PayerRuleCatalog(PayerRuleSet.Empty), _clock);

    private static Claim Clean(string id) => Samples.Claim(id) with { PatientControlNumber = id };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CleanClaimRate_CountsTheFirstScrubOfEachClaimOnly()
    {
        var scrubs = NewScrubs();
        var dirty = Clean("C2") with { PlaceOfService = "" };

        await scrubs.ScrubAsync(Clean("C1"), Ct);
        await scrubs.ScrubAsync(Clean("C1"), Ct);      // same content: recorded result, counted once
        var first = await scrubs.ScrubAsync(dirty, Ct);
        var fixedUp = await scrubs.ScrubAsync(dirty with { PlaceOfService = "11", Lines = dirty.Lines.Select(l => l with { ChargeCents = l.ChargeCents + 1 }).ToArray() }, Ct);
        var stats = await scrubs.StatsAsync(Ct);

        Assert.False(first.Clean);
        Assert.True(fixedUp.Clean);
        Assert.Equal((2L, 1L, 5000), (stats.ClaimsScrubbed, stats.ClaimsCleanFirstPass, stats.RateBasisPoints));
        Assert.True((await scrubs.GetAsync("C2", Ct)).Clean);
    }

    [Fact]
    public async Task Scrub_GivesTheTimelyFilingDeadlineOfThePayerRules()
    {
        var scrubs = new ScrubUseCases(new RedisDocumentStore(_connection, "scrubbing", new OutboxSignal(), TimeSpan.FromDays(1), TimeSpan.FromSeconds(30)),
            new ReferenceDataCatalog(DemoPack.Load(_clock)), new PayerRuleCatalog(DemoPayerRules.Load()), _clock);
        var claim = Clean("TF1");
        var medicaid = claim with { ClaimId = "TF2", PatientControlNumber = "TF2", Payer = claim.Payer! with { PayerId = "SHP02" } };

        var sample = await scrubs.ScrubAsync(claim, Ct);
        var ninetyDays = await scrubs.ScrubAsync(medicaid, Ct);

        Assert.Equal(claim.FirstDateOfService!.Value.AddDays(365), sample.TimelyFilingDeadline);
        Assert.Equal(claim.FirstDateOfService!.Value.AddDays(90), ninetyDays.TimelyFilingDeadline);
    }

    [Fact]
    public async Task Scrub_SameContentTwice_ReturnsTheRecordedResult()
    {
        var scrubs = NewScrubs();

        var first = await scrubs.ScrubAsync(Clean("C3"), Ct);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = await scrubs.ScrubAsync(Clean("C3"), Ct);

        Assert.Equal(first.ScrubbedAt, second.ScrubbedAt);
        Assert.Contains("NCCI PTP practitioner demo 2026.1", first.RulesVersion);
        Assert.Contains("payer rules none", first.RulesVersion);
    }

    [Fact]
    public async Task SameServiceOnAnotherClaim_IsAnExactDuplicate_UntilTheFirstClaimChanges()
    {
        var scrubs = NewScrubs();
        Assert.True((await scrubs.ScrubAsync(Clean("A1"), Ct)).Clean);

        var again = await scrubs.ScrubAsync(Clean("A2"), Ct);

        var duplicates = again.Findings.Where(f => f.RuleId == "DUP-CLAIM").ToList();
        Assert.Equal(2, duplicates.Count);
        Assert.All(duplicates, d => Assert.Equal((Severity.Reject, Owner.Billing), (d.Severity, d.Owner)));
        Assert.Contains("claim A1", duplicates[0].Message);
        Assert.DoesNotContain("MEMBER001", string.Join(' ', again.Findings.Select(f => f.Message)));

        // A1 is corrected (its first line's charge changes): that line's old key is released, the other stays held.
        var corrected = Clean("A1") with { Lines = [Clean("A1").Lines[0] with { ChargeCents = 13_000 }, Clean("A1").Lines[1]] };
        Assert.True((await scrubs.ScrubAsync(corrected, Ct)).Clean);
        var retried = await scrubs.ScrubAsync(Clean("A2") with { PatientControlNumber = "A2-retry" }, Ct);

        Assert.Equal([2u], Assert.Single(retried.Findings, f => f.RuleId == "DUP-CLAIM").LineNumbers);
    }

    [Fact]
    public async Task ReplacementClaim_IsNotADuplicateOfItsOriginal()
    {
        var scrubs = NewScrubs();
        await scrubs.ScrubAsync(Clean("R1"), Ct);

        var replacement = await scrubs.ScrubAsync(Clean("R2") with { Frequency = ClaimFrequency.Replacement, PayerClaimControlNumber = "ICN-1" }, Ct);

        Assert.DoesNotContain(replacement.Findings, f => f.RuleId.StartsWith("DUP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_RecordsAndCountsNothing_ButSeesDuplicates()
    {
        var store = new InMemoryDocumentStore();
        var scrubs = NewScrubs(store);
        await scrubs.ScrubAsync(Clean("V1"), Ct);

        var validated = await scrubs.ValidateAsync(Clean("V2"), Ct);

        Assert.Contains(validated.Findings, f => f.RuleId == "DUP-CLAIM");
        Assert.Equal(1, (await scrubs.StatsAsync(Ct)).ClaimsScrubbed);
        await Assert.ThrowsAsync<RevenueCycle.BuildingBlocks.Errors.NotFoundException>(() => scrubs.GetAsync("V2", Ct));
    }

    [Fact]
    public async Task ConcurrentScrubsOfTheSameService_OnlyOneClaimHoldsIt()
    {
        var scrubs = NewScrubs();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => scrubs.ScrubAsync(Clean($"P{i}"), Ct)));

        Assert.Equal(1, results.Count(r => r.Clean));
        Assert.All(results.Where(r => !r.Clean), r => Assert.Contains(r.Findings, f => f.RuleId == "DUP-CLAIM"));
    }

    public void Dispose() => _connection.Dispose();
}

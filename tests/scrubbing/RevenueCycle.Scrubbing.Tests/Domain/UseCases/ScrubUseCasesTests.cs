using Microsoft.Extensions.Time.Testing;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.UseCases;

public sealed class ScrubUseCasesTests
{
    private readonly ScrubUseCases _scrubs = new(new InMemoryDocumentStore(), new FakeTimeProvider());

    [Fact]
    public async Task CleanClaimRate_CountsTheFirstScrubOfEachClaimOnly()
    {
        var clean = Samples.Claim("C1") with { PatientControlNumber = "C1" };
        var dirty = Samples.Claim("C2") with { PatientControlNumber = "C2", PlaceOfService = "" };

        await _scrubs.ScrubAsync(clean, TestContext.Current.CancellationToken);
        await _scrubs.ScrubAsync(clean, TestContext.Current.CancellationToken);      // same content: recorded result, counted once
        var first = await _scrubs.ScrubAsync(dirty, TestContext.Current.CancellationToken);
        var fixedUp = await _scrubs.ScrubAsync(dirty with { PlaceOfService = "11" }, TestContext.Current.CancellationToken); // fixed: not first pass
        var stats = await _scrubs.StatsAsync(TestContext.Current.CancellationToken);

        Assert.False(first.Clean);
        Assert.True(fixedUp.Clean);
        Assert.Equal(2, stats.ClaimsScrubbed);
        Assert.Equal(1, stats.ClaimsCleanFirstPass);
        Assert.Equal(5000, stats.RateBasisPoints);
        Assert.True((await _scrubs.GetAsync("C2", TestContext.Current.CancellationToken)).Clean);
    }

    [Fact]
    public async Task Scrub_SameContentTwice_ReturnsTheRecordedResult()
    {
        var claim = Samples.Claim("C3") with { PatientControlNumber = "C3" };

        var first = await _scrubs.ScrubAsync(claim, TestContext.Current.CancellationToken);
        var second = await _scrubs.ScrubAsync(claim, TestContext.Current.CancellationToken);

        Assert.Equal(first.ScrubbedAt, second.ScrubbedAt);
        Assert.Equal(first.ClaimFingerprint, second.ClaimFingerprint);
    }
}

using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Demo;

namespace RevenueCycle.Cli.Tests.Demo;

public sealed class DemoBatchTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void TheSameSeed_IsTheSameBatch_AndAnotherSeedAnother()
    {
        var first = DemoBatch.Generate(40, 42, Today);
        var again = DemoBatch.Generate(40, 42, Today);
        var other = DemoBatch.Generate(40, 43, Today);

        Assert.Equal(first.Select(e => (e.ClaimId, e.MemberId, e.Note, e.ServiceDate)), again.Select(e => (e.ClaimId, e.MemberId, e.Note, e.ServiceDate)));
        Assert.Empty(first.Select(e => e.ClaimId).Intersect(other.Select(e => e.ClaimId)));
    }

    [Fact]
    public void EveryScenario_AndEveryRootCause_Occurs_OnceTheBatchIsBigEnough()
    {
        var batch = DemoBatch.Generate(DemoBatch.Guaranteed.Length, 1, Today);

        Assert.Equal(DemoBatch.Guaranteed.Order(), batch.Select(e => e.Scenario).Order());
        // The sandbox's scenario is the member id's last character; coding (X), front end (R, I, C, A) and billing (L) denials.
        Assert.All(batch, e => Assert.Equal(e.Scenario, e.MemberId[^1]));
        Assert.Superset(new HashSet<char> { 'X', 'R', 'I', 'C', 'A', 'L' }, batch.Select(e => e.Scenario).ToHashSet());
        // The registrar's corrected coverage is a clean member id, for the scenarios a coverage fixes.
        Assert.All(batch.Where(e => e.Scenario is 'I' or 'C' or 'R'), e => Assert.EndsWith("0", e.FixMemberId));
        // A benchmark leaves the silent payer (a 15 s timeout) out: an unavailable payer instead.
        Assert.DoesNotContain(DemoBatch.Generate(DemoBatch.Guaranteed.Length, 1, Today, silentPayer: false), e => e.Scenario == 'T');
    }

    [Fact]
    public void Encounters_AreSyntheticAndBillable()
    {
        var batch = DemoBatch.Generate(500, 9, Today);

        Assert.All(batch, e =>
        {
            Assert.True(Npi.IsValid(e.ProviderNpi), e.ProviderNpi);
            Assert.InRange(e.ServiceDate, Today.AddDays(-300), Today.AddDays(-1));
            Assert.NotEmpty(e.GoldDiagnoses);
            Assert.All(e.Lines, l => Assert.All(l.Pointers, p => Assert.InRange(p, 1u, (uint)e.GoldDiagnoses.Count)));
            Assert.Equal(2, e.Lines.Count); // the last line is the one scenario X denies as bundled
        });
        Assert.Equal(6, batch.Select(e => e.Specialty).Distinct().Count());
        Assert.Contains(batch, e => Today.DayNumber - e.ServiceDate.DayNumber > 90); // a backlog for the A/R over 90 days
        Assert.Equal(batch.Count, batch.Select(e => e.ClaimId).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(DemoBatch.MaxEncounters + 1)]
    public void ACount_OutOfRange_IsRefused(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoBatch.Generate(count, 1, Today));
}

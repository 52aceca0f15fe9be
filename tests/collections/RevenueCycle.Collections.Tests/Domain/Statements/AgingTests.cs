using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Collections.Domain.Statements;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Collections.Tests.Domain.Statements;

public sealed class AgingTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 0)]
    [InlineData(31, 1)]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    [InlineData(90, 2)]
    [InlineData(91, 3)]
    [InlineData(120, 3)]
    [InlineData(121, 4)]
    public void Buckets_AreTheUsualOnes(int days, int bucket) => Assert.Equal(bucket, AgingReport.Bucket(days));

    [Fact]
    public async Task PatientBalances_AgeFromTheirFirstStatement_InsuranceFromSubmission()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryDocumentStore();
        var accounts = new AccountUseCases(store, clock);
        var statements = new StatementUseCases(store, StatementPolicy.Default, clock);
        await accounts.HandleAsync(new ClaimSubmittedIntegrationEvent("C1", 1, "1", "12345", "acct-1", 14_500, []) { Id = "s1", OccurredAt = clock.GetUtcNow() }, ct);
        await accounts.HandleAsync(new ClaimSubmittedIntegrationEvent("C2", 1, "1", "12345", "acct-2", 9_000, []) { Id = "s2", OccurredAt = clock.GetUtcNow() }, ct); // stays with the payer
        clock.Advance(TimeSpan.FromDays(20));
        await accounts.HandleAsync(new ClaimAdjudicatedIntegrationEvent("C1", "rem-1", "12345", "ICN", "1", 14_500, 7_000, 5_500, 2_000, null) { Id = "a1", OccurredAt = clock.GetUtcNow() }, ct);
        var beforeStatement = await statements.AgingAsync(ct);
        await statements.RunAsync(ct); // 2026-03-30: C1's first statement

        clock.Advance(TimeSpan.FromDays(45)); // 2026-05-14
        var aging = await statements.AgingAsync(ct);

        Assert.Equal(2_000, beforeStatement.PatientNotYetStatementedCents);
        Assert.Equal([0L, 2_000L, 0L, 0L, 0L], aging.PatientCents); // 45 days from the statement
        Assert.Equal([0L, 0L, 9_000L, 0L, 0L], aging.InsuranceCents); // 65 days from submission
        Assert.Equal((0L, 2), (aging.PatientNotYetStatementedCents, aging.Accounts));
        var statemented = (await accounts.GetAsync("acct-1", ct)).Value.Claims.Single();
        Assert.Equal(new DateOnly(2026, 3, 30), statemented.FirstStatementOn);
    }
}

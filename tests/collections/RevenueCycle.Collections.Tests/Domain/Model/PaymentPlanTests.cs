using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Collections.Tests.Domain.Model;

public sealed class PaymentPlanTests
{
    private static readonly DateOnly Start = new(2026, 1, 15);

    [Fact]
    public void ByCount_TheLastInstallmentAbsorbsTheRounding_AndAShortMonthUsesItsLastDay()
    {
        var (schedule, problems) = PaymentPlan.Schedule(10_000, 0, 0, 3, 31, Start);

        Assert.Empty(problems);
        Assert.Equal([3_333L, 3_333L, 3_334L], schedule.Select(i => i.AmountCents));
        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30)], schedule.Select(i => i.DueOn));
    }

    [Fact]
    public void AddedCharges_AreCarriedByTheOpenInstallments_OrByANewOneWhenNoneIsLeft()
    {
        var (schedule, _) = PaymentPlan.Schedule(10_000, 0, 0, 3, 31, Start); // Feb 28, Mar 31, Apr 30
        var plan = new PaymentPlan("p", Start, 10_000, 0, schedule, 10, 0, PlanStatus.Active);

        var midway = plan.WithAdded(1_001, new DateOnly(2026, 3, 1));
        var after = plan.WithAdded(500, new DateOnly(2026, 5, 10));

        Assert.Equal([3_333L, 3_834L, 3_834L], midway.Installments.Select(i => i.AmountCents)); // 3,333 + 3,334 + 1,001 over two: the last takes the odd cent
        Assert.Equal((11_001L, 11_001L), (midway.TotalCents, midway.Installments.Sum(i => i.AmountCents)));
        Assert.Equal((new DateOnly(2026, 6, 30), 500L), (after.Installments[^1].DueOn, after.Installments[^1].AmountCents));
        Assert.Equal(4, after.Installments.Count);
    }

    [Fact]
    public void ByAmount_AfterTheDownPayment_TheLastIsWhatIsLeft()
    {
        var (schedule, _) = PaymentPlan.Schedule(10_000, 1_000, 2_500, 0, 5, Start);

        Assert.Equal([2_500L, 2_500L, 2_500L, 1_500L], schedule.Select(i => i.AmountCents));
        Assert.Equal(9_000, schedule.Sum(i => i.AmountCents));
    }

    [Theory]
    [InlineData(10_000, 0, 0, 0, 5, "installment_cents")] // neither an amount nor a count
    [InlineData(10_000, 0, 100, 3, 5, "installment_cents")] // both
    [InlineData(10_000, 20_000, 0, 3, 5, "down_payment_cents")]
    [InlineData(10_000, 0, 0, 3, 0, "day_of_month")]
    [InlineData(1_000_000, 0, 1, 0, 5, "installment_cents")] // more than 120 installments: it would never pay the balance
    [InlineData(0, 0, 0, 3, 5, "account_id")] // nothing to put on a plan
    public void TermsThatCannotPayTheBalance_AreFieldErrors(long balance, long down, long amount, int count, int day, string field)
    {
        var (schedule, problems) = PaymentPlan.Schedule(balance, down, amount, count, day, Start);

        Assert.Empty(schedule);
        Assert.Contains(problems, p => p.Field == field);
    }

    [Fact]
    public async Task APlanInGoodStanding_HoldsStatements_AMissedInstallmentPastGraceResumesThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryDocumentStore();
        var accounts = new AccountUseCases(store, clock);
        await accounts.HandleAsync(new ClaimSubmittedIntegrationEvent("C1", 1, "1", "12345", "acct-1", 14_500, []) { Id = "s1" }, ct);
        await accounts.HandleAsync(new ClaimAdjudicatedIntegrationEvent("C1", "rem-1", "12345", "ICN", "1", 14_500, 4_500, 4_000, 6_000, null) { Id = "a1" }, ct);

        var planned = await accounts.CreatePlanAsync("acct-1", "plan-1", 1_000, 0, 4, 10, 10, ct);
        var retry = await accounts.CreatePlanAsync("acct-1", "plan-1", 1_000, 0, 4, 10, 10, ct);
        var second = await Assert.ThrowsAsync<PreconditionFailedException>(() => accounts.CreatePlanAsync("acct-1", "plan-2", 0, 0, 2, 10, 10, ct));
        await accounts.RecordPatientPaymentAsync("acct-1", "down", 1_000, "card", ct);
        clock.Advance(TimeSpan.FromDays(30)); // 2026-05-20: the 05-10 installment is due, within grace
        await accounts.RecordPatientPaymentAsync("acct-1", "i1", 1_250, "card", ct);
        var inGoodStanding = Statement.For((await accounts.GetAsync("acct-1", ct)).Value, "run", new DateOnly(2026, 5, 20), StatementPolicy.Default);
        var onTheJuneDay = (await accounts.GetAsync("acct-1", ct)).Value.Plan!.StatusOn(new DateOnly(2026, 6, 21)); // 06-10 missed, its 10 days of grace over

        var plan = planned.Value.Plan!;
        Assert.Equal([1_250L, 1_250L, 1_250L, 1_250L], plan.Installments.Select(i => i.AmountCents));
        Assert.Equal((6_000L, new DateOnly(2026, 5, 10)), (plan.TotalCents, plan.Installments[0].DueOn));
        Assert.Equal(planned.Version, retry.Version);
        Assert.Contains("already has an active payment plan", second.Message);
        Assert.Null(inGoodStanding.Statement);
        Assert.Equal("a payment plan in good standing", inGoodStanding.Reason);
        Assert.Equal(PlanStatus.Defaulted, onTheJuneDay);
        Assert.NotNull(Statement.For((await accounts.GetAsync("acct-1", ct)).Value, "run", new DateOnly(2026, 6, 21), StatementPolicy.Default).Statement);
    }
}

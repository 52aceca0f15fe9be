using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;

namespace RevenueCycle.Collections.Tests.Domain.Statements;

public sealed class StatementTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 4, 20);

    private static Account TwoVisits() => Account.Open("a1")
        .WithCharge("C-old", 10_000, [], Day1, "s1", "pat-1", new DateOnly(2026, 2, 10))
        .WithAdjudication("C-old", PayerSequence.Final, 6_000, 1_000, 3_000, Day1, "a1")
        .WithCharge("C-new", 20_000, [], Day1, "s2", "pat-1", new DateOnly(2026, 3, 15))
        .WithAdjudication("C-new", PayerSequence.Final, 10_000, 7_500, 2_500, Day1, "a2");

    [Fact]
    public void ItemisedByDateOfService_WithWhatThePatientPaid_AndAPaidVisitLeftOff()
    {
        var account = TwoVisits().WithPatientPayment(4_000, Day1, "p1"); // the older visit's 3,000 first, then 1,000 of the newer's

        var (statement, _) = Statement.For(account, "run", Today, StatementPolicy.Default);

        var line = Assert.Single(statement!.Lines);
        Assert.Equal(("C-new", new DateOnly(2026, 3, 15)), (line.ClaimId, line.ServiceDate));
        Assert.Equal((20_000L, 10_000L, 7_500L, 1_000L, 1_500L), (line.ChargeCents, line.InsurancePaidCents, line.AdjustmentCents, line.PatientPaidCents, line.DueCents));
        Assert.Equal(1_500, statement.AmountDueCents);
    }

    [Fact]
    public void AllPaidWithMoneyLeftOver_IsACreditNotAStatement()
    {
        var (statement, why) = Statement.For(TwoVisits().WithPatientPayment(7_000, Day1, "p1"), "run", Today, StatementPolicy.Default);

        Assert.Null(statement);
        Assert.Equal("nothing is owed by the patient", why);
    }

    [Fact]
    public void AClaimAPayerStillHas_IsLeftOff_TheOthersAreBilled()
    {
        var account = TwoVisits().WithCharge("C-open", 9_000, [], Day1, "s3", "pat-1", new DateOnly(2026, 4, 2));

        var (statement, _) = Statement.For(account, "run", Today, StatementPolicy.Default);

        Assert.Equal(["C-old", "C-new"], statement!.Lines.Select(l => l.ClaimId));
        Assert.Equal(5_500, statement.AmountDueCents);
        Assert.Equal(new DateOnly(2026, 5, 20), statement.DueOn);
    }

    [Fact]
    public void UnderTheMinimum_OrAShareHeldForTheSecondary_GetsNoStatement_AndSaysWhy()
    {
        var small = Account.Open("a2").WithCharge("C1", 10_000, [], Day1, "s").WithAdjudication("C1", PayerSequence.Final, 9_000, 600, 400, Day1, "a");
        var held = Account.Open("a3").WithCharge("C1", 10_000, [], Day1, "s", secondaryExpected: true).WithAdjudication("C1", PayerSequence.Final, 6_000, 1_000, 3_000, Day1, "a");

        var (none, smallWhy) = Statement.For(small, "run", Today, StatementPolicy.Default);
        var (alsoNone, heldWhy) = Statement.For(held, "run", Today, StatementPolicy.Default);

        Assert.Null(none);
        Assert.Null(alsoNone);
        Assert.Equal("the amount due is under the minimum of $5.00", smallWhy);
        Assert.Equal("a payer has still to answer", heldWhy);
    }

    [Fact]
    public void AnAccountOnHold_GetsNoStatement_UntilReleased()
    {
        var held = TwoVisits() with { Hold = new AccountHold("DISPUTE", "patient disputes the March visit", Day1) };

        var (none, why) = Statement.For(held, "run", Today, StatementPolicy.Default);
        var (released, _) = Statement.For(held with { Hold = null }, "run", Today, StatementPolicy.Default);

        Assert.Null(none);
        Assert.Equal("on hold: dispute", why);
        Assert.NotNull(released);
    }
}

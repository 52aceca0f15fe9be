using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Collections.Domain.Assistance;
using RevenueCycle.Collections.Domain.Exports;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Collections.Tests.Domain.UseCases;

/// <summary>The dunning cadence, agency placement under IRS 501(r), write-offs, financial assistance and plan additions, on the in-memory store.</summary>
public sealed class CollectionUseCasesTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 4, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Day0);
    private readonly InMemoryDocumentStore _store = new();
    private readonly AccountUseCases _accounts;
    private readonly StatementUseCases _statements;

    public CollectionUseCasesTests()
    {
        _accounts = new AccountUseCases(_store, _clock);
        _statements = new StatementUseCases(_store, StatementPolicy.Default, _clock);
    }

    private CollectionUseCases Collection(DunningPolicy? policy = null) => new(_store, _accounts, policy ?? DunningPolicy.Default, FinancialAssistance.Demo(), _clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>acct-1 owes 2,000 on C1 (deductible), all payers done; its letters can be mailed unless <paramref name="mailable"/> is false.</summary>
    private async Task OwingAsync(string claimId = "C1", bool mailable = true)
    {
        await _accounts.HandleAsync(AccountUseCasesTests.Submitted(claimId) with { Id = $"s-{claimId}" }, Ct);
        await _accounts.HandleAsync(AccountUseCasesTests.Adjudicated(claimId) with { Id = $"a-{claimId}" }, Ct);
        if (mailable)
        {
            await Collection().SetGuarantorAsync("acct-1", new Guarantor("PAT DOE", new Address("12 MAIN ST", "", "AUSTIN", "TX", "78701", "")), Ct);
        }
    }

    private async Task<IReadOnlyList<string>> RunOnDayAsync(int day)
    {
        _clock.SetUtcNow(Day0.AddDays(day));
        var run = await _statements.RunAsync(Ct);
        var letters = new List<string>();
        foreach (var id in run.StatementIds)
        {
            letters.Add((await _statements.GetAsync(id, Ct)).Notice);
        }

        return letters;
    }

    [Fact]
    public async Task TheCadence_SendsEachLetterOnItsDay_OnceAndRecordsItOnTheAccount()
    {
        await OwingAsync();

        var letters = new List<string>();
        foreach (var day in new[] { 0, 1, 29, 30, 45, 60, 61, 90, 100 })
        {
            letters.AddRange(await RunOnDayAsync(day));
        }

        Assert.Equal([DunningSteps.Statement1, DunningSteps.Statement2, DunningSteps.FinalNotice, DunningSteps.PreCollection], letters);
        var account = (await _accounts.GetAsync("acct-1", Ct)).Value;
        Assert.Equal([0, 30, 60, 90], account.DunningHistory.Select(s => s.On.DayNumber - DateOnly.FromDateTime(Day0.UtcDateTime).DayNumber));
        Assert.Equal(DateOnly.FromDateTime(Day0.UtcDateTime), account.Claims.Single().FirstStatementOn);
        Assert.Null(DunningPolicy.Default.NextLetterOn(account)); // every letter has gone
    }

    [Fact]
    public async Task A501rHospital_RefusesEarlyPlacement_SayingWhy_ThenPlacesOnDay120()
    {
        await OwingAsync();
        foreach (var day in new[] { 0, 30, 60, 90 })
        {
            await RunOnDayAsync(day);
        }

        _clock.SetUtcNow(Day0.AddDays(100));
        var early = await Assert.ThrowsAsync<PreconditionFailedException>(() => Collection().PlaceAsync("acct-1", "ACME", Ct));
        Assert.Contains("IRS 501(r): no extraordinary collection action before the 120-day notification period ends on 2026-08-18 (first statement 2026-04-20)", early.Message);
        Assert.Equal(2_000, (await _accounts.GetAsync("acct-1", Ct)).Value.PatientBalanceCents); // nothing changed

        _clock.SetUtcNow(Day0.AddDays(120));
        var placed = (await Collection().PlaceAsync("acct-1", "ACME", Ct)).Value;

        Assert.Equal((0L, 2_000L), (placed.PatientBalanceCents, placed.Placement!.PlacedCents));
        var badDebt = Assert.Single(placed.Ledger, e => e.Kind == LedgerKinds.WriteOff);
        Assert.Equal((-2_000L, WriteOffCodes.BadDebt, "C1"), (badDebt.AmountCents, badDebt.Reason, badDebt.ClaimId));
        Assert.Equal(DunningSteps.AgencyPlacement, placed.DunningHistory[^1].Step);
        var placedOn = DateOnly.FromDateTime(Day0.AddDays(120).UtcDateTime);
        var file = PlacementFile.Render(await Collection().PlacedOnAsync(placedOn, Ct), placedOn).Split('\n');
        Assert.StartsWith("acct-1,ACME,2026-08-18,2000,20.00,C1,", file[1]);
    }

    [Fact]
    public async Task ThePreCollectionNotice_MustBeThirtyDaysOld_WhenAHoldDelayedIt()
    {
        await OwingAsync();
        await RunOnDayAsync(0);
        await RunOnDayAsync(30);
        await _accounts.SetHoldAsync("acct-1", "DISPUTE", "", Ct);
        Assert.Empty(await RunOnDayAsync(60)); // on hold: no letter
        await _accounts.SetHoldAsync("acct-1", "", "", Ct);
        Assert.Equal([DunningSteps.PreCollection], await RunOnDayAsync(110)); // the cadence has moved on to the pre-collection letter

        _clock.SetUtcNow(Day0.AddDays(125));
        var refused = await Assert.ThrowsAsync<PreconditionFailedException>(() => Collection().PlaceAsync("acct-1", "ACME", Ct));
        Assert.Contains("the notice of extraordinary collection actions was sent on 2026-08-08; placement is allowed from 2026-09-07", refused.Message);

        // Without 501(r) (a for-profit hospital) the cadence alone decides: the letter has gone and day 120 has passed.
        var forProfit = DunningPolicy.Default with { Irs501r = false };
        Assert.Equal(2_000, (await Collection(forProfit).PlaceAsync("acct-1", "ACME", Ct)).Value.Placement!.PlacedCents);
    }

    [Fact]
    public async Task ANoticeThatCouldNotBeMailed_IsNoNotice_SoNoPlacement()
    {
        await OwingAsync(mailable: false);
        foreach (var day in new[] { 0, 30, 60, 90 })
        {
            await RunOnDayAsync(day);
        }

        _clock.SetUtcNow(Day0.AddDays(200));
        var refused = await Assert.ThrowsAsync<PreconditionFailedException>(() => Collection().PlaceAsync("acct-1", "ACME", Ct));
        Assert.Contains("(the PRE_COLLECTION letter) was issued but could not be mailed: the account has no mailing address", refused.Message);
    }

    [Fact]
    public async Task APaymentToTheHospitalWhilePlaced_RecoversTheBadDebt_InsteadOfBecomingACredit()
    {
        await OwingAsync();
        foreach (var day in new[] { 0, 30, 60, 90 })
        {
            await RunOnDayAsync(day);
        }

        _clock.SetUtcNow(Day0.AddDays(130));
        await Collection().PlaceAsync("acct-1", "ACME", Ct);
        var paid = (await _accounts.RecordPatientPaymentAsync("acct-1", "pay-direct", 500, "check", Ct)).Value;

        Assert.Equal((0L, 0L, 500L, 1_500L), (paid.CreditCents, paid.PatientBalanceCents, paid.Placement!.RecoveredCents, paid.Placement.OutstandingCents));
        Assert.Equal(paid.PatientBalanceCents, paid.Ledger.Sum(e => e.PatientEffectCents));
    }

    [Fact]
    public async Task ACorrectedRemittanceAfterPlacement_ShrinksWhatTheAgencyMayCollect()
    {
        await OwingAsync();
        foreach (var day in new[] { 0, 30, 60, 90 })
        {
            await RunOnDayAsync(day);
        }

        _clock.SetUtcNow(Day0.AddDays(130));
        await Collection().PlaceAsync("acct-1", "ACME", Ct);
        await _accounts.HandleAsync(new ClaimAdjudicatedIntegrationEvent("C1", "rem-9", "12345", "ICN", "22", -14_500, -7_000, -5_500, -2_000, null), Ct);
        await _accounts.HandleAsync(new ClaimAdjudicatedIntegrationEvent("C1", "rem-9", "12345", "ICN", "1", 14_500, 7_800, 5_500, 1_200, null), Ct);

        var account = (await _accounts.GetAsync("acct-1", Ct)).Value;
        Assert.Equal((1_200L, 0L, 0L), (account.Placement!.OutstandingCents, account.PatientBalanceCents, account.CreditCents));
        var over = await Assert.ThrowsAsync<ValidationException>(() => Collection().RecordAgencyPaymentAsync("acct-1", "ag-1", 1_201, 0, Ct));
        Assert.Equal("amount_cents", Assert.Single(over.Violations).Field);
    }

    [Theory]
    [InlineData(80_000_00, 200, 75, 300L, 0L)] // 75% of the 2,000 share is 1,500 off: 500 is the patient's, 200 paid, 300 owed
    [InlineData(80_000_00, 800, 75, 0L, 300L)] // 800 paid for a 500 share: 300 comes back as a credit
    [InlineData(30_000_00, 800, 100, 0L, 800L)] // all of it: everything paid comes back
    public async Task Assistance_DiscountsTheShare_NotWhatIsLeft_AndFreesWhatWasPaidBeyondIt(long income, long paidBefore, int discount, long owes, long credit)
    {
        await OwingAsync();
        await _accounts.RecordPatientPaymentAsync("acct-1", "pay-1", paidBefore, "card", Ct);

        var decided = (await Collection().DecideAssistanceAsync("acct-1", "fa", 4, income, Ct)).Value;

        Assert.Equal(discount, decided.Assistance!.DiscountPercent);
        Assert.Equal((owes, credit), (decided.Claims.Single().PatientBalanceCents, decided.CreditCents));
        Assert.Equal(decided.PatientBalanceCents, decided.Ledger.Sum(e => e.PatientEffectCents));
    }

    [Fact]
    public async Task ASecondDecision_TopsUpToItsPercent_ItDoesNotStack()
    {
        await OwingAsync();
        var collection = Collection();
        await collection.DecideAssistanceAsync("acct-1", "fa-1", 4, 80_000_00, Ct); // 75%: 1,500 off the 2,000 share
        var again = (await collection.DecideAssistanceAsync("acct-1", "fa-2", 4, 80_000_00, Ct)).Value;

        Assert.Equal(-1_500, again.Ledger.Where(e => e.Reason == WriteOffCodes.Charity).Sum(e => e.AmountCents));
        Assert.Equal(500, again.PatientBalanceCents);
    }

    [Fact]
    public async Task APendingFinancialAssistanceApplication_BlocksPlacementUnder501r()
    {
        await OwingAsync();
        await _accounts.SetHoldAsync("acct-1", "FINANCIAL_ASSISTANCE", "", Ct);
        _clock.SetUtcNow(Day0.AddDays(400));

        var refused = await Assert.ThrowsAsync<PreconditionFailedException>(() => Collection().PlaceAsync("acct-1", "ACME", Ct));
        Assert.Contains("IRS 501(r): a financial-assistance application is pending", refused.Message);
    }

    [Fact]
    public async Task AgencyPayments_RecoverBadDebtWithTheirFee_AndARecallPutsTheRestBack()
    {
        await OwingAsync();
        foreach (var day in new[] { 0, 30, 60, 90 })
        {
            await RunOnDayAsync(day);
        }

        _clock.SetUtcNow(Day0.AddDays(130));
        var collection = Collection();
        await collection.PlaceAsync("acct-1", "ACME", Ct);
        var paid = (await collection.RecordAgencyPaymentAsync("acct-1", "agency-1", 1_200, 300, Ct)).Value;
        var again = (await collection.RecordAgencyPaymentAsync("acct-1", "agency-1", 1_200, 300, Ct)).Value; // a retry

        Assert.Equal((1_200L, 300L, 800L), (again.Placement!.RecoveredCents, again.Placement.FeeCents, again.Placement.OutstandingCents));
        Assert.Equal(0, paid.PatientBalanceCents);
        Assert.Equal(paid.PatientBalanceCents, paid.Ledger.Sum(e => e.PatientEffectCents));
        Assert.Equal(300, Assert.Single(paid.Ledger, e => e.Kind == LedgerKinds.AgencyFee).AmountCents);
        Assert.Equal(1_200, Assert.Single(paid.Ledger, e => e.Reason == WriteOffCodes.BadDebtRecovery).AmountCents);

        var over = await Assert.ThrowsAsync<ValidationException>(() => collection.RecordAgencyPaymentAsync("acct-1", "agency-2", 900, 0, Ct));
        Assert.Equal("amount_cents", Assert.Single(over.Violations).Field);
        var fee = await Assert.ThrowsAsync<ValidationException>(() => collection.RecordAgencyPaymentAsync("acct-1", "agency-3", 100, 200, Ct));
        Assert.Equal("fee_cents", Assert.Single(fee.Violations).Field);

        var recalled = (await collection.RecallAsync("acct-1", Ct)).Value;
        Assert.Equal((800L, PlacementStatus.Recalled), (recalled.PatientBalanceCents, recalled.Placement!.Status));
        Assert.Equal(recalled.PatientBalanceCents, recalled.Ledger.Sum(e => e.PatientEffectCents));
        Assert.Equal(DunningSteps.AgencyRecall, recalled.DunningHistory[^1].Step);
    }

    [Fact]
    public async Task WriteOffs_TakeTheNamedClaimFirst_AndRefuseMoreThanIsOwed_RecordingNothing()
    {
        await OwingAsync("C1");
        await OwingAsync("C2");
        var collection = Collection();

        var over = await Assert.ThrowsAsync<ValidationException>(() => collection.WriteOffAsync("acct-1", "w0", WriteOffCodes.Administrative, 4_001, ["C2"], Ct));
        Assert.Equal("amount_cents", Assert.Single(over.Violations).Field);
        var badCode = await Assert.ThrowsAsync<ValidationException>(() => collection.WriteOffAsync("acct-1", "w0", WriteOffCodes.BadDebt, 100, [], Ct));
        Assert.Equal("code", Assert.Single(badCode.Violations).Field);
        Assert.Equal(4_000, (await _accounts.GetAsync("acct-1", Ct)).Value.PatientBalanceCents);

        var account = (await collection.WriteOffAsync("acct-1", "w1", WriteOffCodes.SmallBalance, 2_500, ["C2"], Ct)).Value;
        await collection.WriteOffAsync("acct-1", "w1", WriteOffCodes.SmallBalance, 2_500, ["C2"], Ct); // a retry

        Assert.Equal([("C2", -2_000L), ("C1", -500L)], account.Ledger.Where(e => e.Kind == LedgerKinds.WriteOff).Select(e => (e.ClaimId, e.AmountCents)));
        Assert.Equal(1_500, (await _accounts.GetAsync("acct-1", Ct)).Value.PatientBalanceCents);
    }

    [Fact]
    public async Task FinancialAssistance_WritesOffTheSlidingScaleDiscount_AndReleasesTheHold()
    {
        await OwingAsync();
        await _accounts.SetHoldAsync("acct-1", "FINANCIAL_ASSISTANCE", "application received", Ct);

        // A household of 4 earning $80,000: 248% of the 2025 guideline ($32,150), the 75% tier.
        var decided = (await Collection().DecideAssistanceAsync("acct-1", "fa-1", 4, 80_000_00, Ct)).Value;

        Assert.Equal((248, 75, 1_500L), (decided.Assistance!.PercentOfPoverty, decided.Assistance.DiscountPercent, decided.Assistance.WrittenOffCents));
        Assert.Equal(500, decided.PatientBalanceCents);
        Assert.Equal(WriteOffCodes.Charity, Assert.Single(decided.Ledger, e => e.Kind == LedgerKinds.WriteOff).Reason);
        Assert.Null(decided.Hold);
        Assert.Equal(new DateOnly(2026, 12, 16), decided.Assistance.ValidThrough); // the demo policy's 240 days
    }

    [Fact]
    public async Task NewChargesJoinAPlan_TheInstallmentsNotYetDueCarryThem()
    {
        await OwingAsync("C1");
        await _accounts.CreatePlanAsync("acct-1", "plan-1", 0, 0, 3, 1, 10, Ct); // 666, 666, 668
        await OwingAsync("C2");

        var none = Collection();
        var plan = (await none.AddChargesToPlanAsync("acct-1", Ct)).Value.Plan!;

        Assert.Equal(4_000, plan.TotalCents);
        Assert.Equal([1_333L, 1_333L, 1_334L], plan.Installments.Select(i => i.AmountCents));
        var nothingNew = await Assert.ThrowsAsync<ValidationException>(() => none.AddChargesToPlanAsync("acct-1", Ct));
        Assert.Equal("account_id", Assert.Single(nothingNew.Violations).Field);
    }

    [Fact]
    public async Task AWriteOffOnAPlan_TakesItOffTheInstallmentsNotYetDue()
    {
        await OwingAsync("C1");
        await _accounts.CreatePlanAsync("acct-1", "plan-1", 0, 0, 4, 1, 10, Ct); // 500 x 4

        var account = (await Collection().WriteOffAsync("acct-1", "w1", WriteOffCodes.Administrative, 601, [], Ct)).Value;

        Assert.Equal((1_399L, 1_399L), (account.Plan!.TotalCents, account.PatientBalanceCents));
        Assert.Equal([349L, 349L, 349L, 352L], account.Plan.Installments.Select(i => i.AmountCents));
    }

    [Fact]
    public async Task TheMailHouseFile_ListsEachStatementWithItsAddress_AndLeavesOutAnAccountWithout()
    {
        await OwingAsync();
        await _accounts.HandleAsync(AccountUseCasesTests.Submitted("C5") with { Id = "s5", PatientAccountId = "acct-5" }, Ct);
        await _accounts.HandleAsync(AccountUseCasesTests.Adjudicated("C5") with { Id = "a5" }, Ct);
        await Collection().SetGuarantorAsync("acct-1", new Guarantor("PAT DOE", new Address("12 MAIN ST", "", "AUSTIN", "TX", "78701", "")), Ct);
        var bad = await Assert.ThrowsAsync<ValidationException>(() => Collection().SetGuarantorAsync("acct-5", new Guarantor("X, Y", new Address("1 A ST", "", "AUSTIN", "Texas", "787", "")), Ct));
        Assert.Equal(["address.state", "address.postal_code", "name"], bad.Violations.Select(v => v.Field));

        var run = await _statements.RunAsync(Ct);
        var (csv, unmailable) = await _statements.MailHouseFileAsync(run.RunId, Ct);

        var rows = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(MailHouseFile.Header, rows[0]);
        Assert.Equal($"st-acct-1-20260420,acct-1,STATEMENT_1,2026-04-20,2026-05-20,2000,20.00,PAT DOE,12 MAIN ST,,AUSTIN,TX,78701,st-acct-1-20260420.pdf", Assert.Single(rows[1..]));
        Assert.Equal(["st-acct-5-20260420"], unmailable);
    }
}

using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Collections.Tests.Domain.UseCases;

public sealed class AccountUseCasesTests
{
    private readonly AccountUseCases _accounts = new(new InMemoryDocumentStore(), new FakeTimeProvider(new DateTimeOffset(2026, 4, 5, 0, 0, 0, TimeSpan.Zero)));

    public static ClaimSubmittedIntegrationEvent Submitted(string claimId = "C1") => new(claimId, 1, "1", "12345", "acct-1", 14_500, []);

    public static ClaimAdjudicatedIntegrationEvent Adjudicated(string claimId = "C1", string? account = null) => new(claimId, "rem-1", "12345", "ICN", "1", 14_500, 7_000, 5_500, 2_000, account);

    [Fact]
    public async Task AdjudicationWithItsOwnAccountId_PostsWithoutWaitingForTheSubmission()
    {
        await _accounts.HandleAsync(Adjudicated(account: "acct-7"), TestContext.Current.CancellationToken);

        Assert.Equal(2_000, (await _accounts.GetAsync("acct-7", TestContext.Current.CancellationToken)).Value.PatientBalanceCents);
    }

    [Fact]
    public async Task SubmittedThenAdjudicated_PostsTheChargeAndPatientShare()
    {
        await _accounts.HandleAsync(Submitted(), TestContext.Current.CancellationToken);
        await _accounts.HandleAsync(Adjudicated(), TestContext.Current.CancellationToken);

        var account = await _accounts.GetAsync("acct-1", TestContext.Current.CancellationToken);
        Assert.Equal(2_000, account.Value.PatientBalanceCents);
        Assert.Equal(14_500, account.Value.Claims.Single().ChargeCents);
    }

    [Fact]
    public async Task Void_TakesTheChargeOff_AndItsReversalTakesThePaymentBack_SoNothingIsOwedOrPaidTwice()
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.HandleAsync(Submitted(), ct);
        await _accounts.HandleAsync(Adjudicated(), ct);

        await _accounts.HandleAsync(Submitted() with { VersionNumber = 2, Frequency = "8", Id = "void-1" }, ct);
        await _accounts.HandleAsync(new ClaimAdjudicatedIntegrationEvent("C1", "rem-2", "12345", "ICN", "22", -14_500, -7_000, -5_500, -2_000, null) { Id = "reversal-1" }, ct);

        var claim = (await _accounts.GetAsync("acct-1", ct)).Value.Claims.Single();
        Assert.Equal((0L, 0L, 0L, 0L), (claim.ChargeCents, claim.InsurancePaidCents, claim.AdjustmentCents, claim.PatientResponsibilityCents));
        Assert.Equal((0L, 0L), (claim.InsuranceBalanceCents, claim.PatientBalanceCents));
    }

    [Fact]
    public async Task AdjudicatedBeforeSubmitted_IsHeldThenApplied()
    {
        await _accounts.HandleAsync(Adjudicated(), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<NotFoundException>(() => _accounts.GetAsync("acct-1", TestContext.Current.CancellationToken));

        await _accounts.HandleAsync(Submitted(), TestContext.Current.CancellationToken);

        var account = await _accounts.GetAsync("acct-1", TestContext.Current.CancellationToken);
        Assert.Equal(2_000, account.Value.PatientBalanceCents);
        Assert.Equal(7_000, account.Value.Claims.Single().InsurancePaidCents);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SecondaryClaim_PostsToThePrimarysBalance_WithoutANewCharge_AndThePatientOwesOnlyWhatBothLeft(bool secondaryAnswerFirst)
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.HandleAsync(Submitted() with { SecondaryExpected = true }, ct);
        await _accounts.HandleAsync(Adjudicated(), ct); // primary: paid 7,000, adjusted 5,500, patient share 2,000
        var waiting = (await _accounts.GetAsync("acct-1", ct)).Value;
        var secondaryClaim = Submitted("SC1") with { SecondaryOf = "C1", Id = "submitted-secondary" };
        var secondaryAnswer = new ClaimAdjudicatedIntegrationEvent("SC1", "rem-2", "67890", "ICN-2", "2", 14_500, 1_500, 0, 500, "acct-1", CoinsuranceCents: 500) { Id = "adjudicated-secondary" };
        if (secondaryAnswerFirst)
        {
            await _accounts.HandleAsync(secondaryAnswer, ct);
            await _accounts.HandleAsync(secondaryClaim, ct);
        }
        else
        {
            await _accounts.HandleAsync(secondaryClaim, ct);
            await _accounts.HandleAsync(secondaryAnswer, ct);
        }

        var account = (await _accounts.GetAsync("acct-1", ct)).Value;
        Assert.Equal((0L, 2_000L), (waiting.PatientBalanceCents, waiting.InsurancePendingCents)); // the primary's share waits for the secondary
        var claim = Assert.Single(account.Claims);
        Assert.Equal((14_500L, 8_500L, 500L), (claim.ChargeCents, claim.InsurancePaidCents, claim.PatientBalanceCents));
        Assert.Equal((500L, 0L), (account.PatientBalanceCents, account.InsurancePendingCents));
    }

    [Fact]
    public async Task List_AllAccountsOrAPatients_AndAPageSizeOutOfRangeIsAFieldError()
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.HandleAsync(Submitted() with { PatientId = "pat-1" }, ct);
        await _accounts.HandleAsync(Submitted("C2") with { PatientAccountId = "acct-2", PatientId = "pat-2", Id = "s2" }, ct);
        await _accounts.HandleAsync(Submitted("C3") with { PatientAccountId = "acct-2", PatientId = "pat-1", Id = "s3" }, ct); // a guarantor for two patients

        var all = await _accounts.ListAsync("", 0, "", ct);
        var pat1 = await _accounts.ListAsync("pat-1", 0, "", ct);
        var error = await Assert.ThrowsAsync<ValidationException>(() => _accounts.ListAsync("", 501, "", ct));

        Assert.Equal(["acct-1", "acct-2"], all.Items.Select(a => a.AccountId).Order());
        Assert.Equal(["acct-1", "acct-2"], pat1.Items.Select(a => a.AccountId).Order());
        Assert.Equal(["pat-1", "pat-2"], all.Items.Single(a => a.AccountId == "acct-2").PatientIds);
        Assert.Equal("page_size", error.Violations.Single().Field);
    }

    [Fact]
    public async Task Payment_ToAChosenVisit_GoesThereFirst_ThenTheOldest()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var (claim, day) in new[] { ("C-old", 2), ("C-new", 20) })
        {
            await _accounts.HandleAsync(Submitted(claim) with { Id = "s-" + claim, Lines = [new SubmittedLineCodes(claim + "-1", "99213", [], [], new DateOnly(2026, 3, day), 1, 14_500)] }, ct);
            await _accounts.HandleAsync(Adjudicated(claim) with { Id = "a-" + claim }, ct); // 2,000 each
        }

        var account = (await _accounts.RecordPatientPaymentAsync("acct-1", "pay-new", 2_500, "card", ct, ["C-new"], "tok_visa_4242")).Value;

        Assert.Equal((500L, 2_000L), (account.Claims.Single(c => c.ClaimId == "C-old").PatientPaidCents, account.Claims.Single(c => c.ClaimId == "C-new").PatientPaidCents));
        Assert.EndsWith(":tok_visa_4242", account.Ledger[^1].Source);
        var error = await Assert.ThrowsAsync<ValidationException>(() => _accounts.RecordPatientPaymentAsync("acct-1", "pay-x", 100, "cash", ct, ["C-elsewhere"]));
        Assert.Equal("claim_ids[0]", error.Violations.Single().Field);
    }

    [Fact]
    public async Task CreditBalance_IsOnTheRefundWorklist_RefundedOnce_AndNeverMoreThanTheCredit()
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.HandleAsync(Submitted(), ct);
        await _accounts.HandleAsync(Adjudicated(), ct); // the patient owes 2,000
        await _accounts.RecordPatientPaymentAsync("acct-1", "pay-1", 3_000, "check", ct); // 1,000 too much

        var worklist = await _accounts.ListAsync("", 0, "", ct, creditsOnly: true);
        var tooMuch = await Assert.ThrowsAsync<ValidationException>(() => _accounts.RefundAsync("acct-1", "refund-big", 1_001, "check", ct));
        var refunded = await _accounts.RefundAsync("acct-1", "refund-1", 1_000, "check", ct);
        var retried = await _accounts.RefundAsync("acct-1", "refund-1", 1_000, "check", ct);
        var after = await _accounts.ListAsync("", 0, "", ct, creditsOnly: true);

        Assert.Equal(["acct-1"], worklist.Items.Select(a => a.AccountId));
        Assert.Equal(1_000, worklist.Items[0].CreditCents);
        Assert.Equal("amount_cents", tooMuch.Violations.Single().Field);
        Assert.Contains("$10.00", tooMuch.Violations.Single().Description);
        Assert.Equal((0L, 0L), (refunded.Value.PatientBalanceCents, refunded.Value.CreditCents));
        Assert.Equal(refunded.Version, retried.Version); // the retry refunded nothing more
        Assert.Single(retried.Value.Ledger, e => e.Kind == "REFUND");
        Assert.Empty(after.Items);
    }

    [Fact]
    public async Task Hold_WithAKnownReason_IsSetAndReleased_AnUnknownReasonChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.HandleAsync(Submitted(), ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _accounts.SetHoldAsync("acct-1", "BANKRUPTCY", "", ct));
        var unchanged = await _accounts.GetAsync("acct-1", ct);
        var held = await _accounts.SetHoldAsync("acct-1", "FINANCIAL_ASSISTANCE", "application received", ct);
        var released = await _accounts.SetHoldAsync("acct-1", "", "", ct);

        Assert.Equal("reason", error.Violations.Single().Field);
        Assert.Null(unchanged.Value.Hold);
        Assert.Equal("FINANCIAL_ASSISTANCE", held.Value.Hold!.Reason);
        Assert.Null(released.Value.Hold);
    }

    [Fact]
    public async Task SameEventsRedelivered_AreAppliedOnce()
    {
        var submitted = Submitted();
        var adjudicated = Adjudicated();

        foreach (var _ in Enumerable.Range(0, 3))
        {
            await _accounts.HandleAsync(submitted, TestContext.Current.CancellationToken);
            await _accounts.HandleAsync(adjudicated, TestContext.Current.CancellationToken);
        }

        var account = await _accounts.GetAsync("acct-1", TestContext.Current.CancellationToken);
        Assert.Equal(2_000, account.Value.PatientBalanceCents);
        Assert.Equal(4, account.Value.Ledger.Count); // charge, insurance payment, adjustment, patient responsibility
    }

    [Fact]
    public async Task PatientPayment_RetryWithTheSameKey_PostsOnce()
    {
        await _accounts.HandleAsync(Submitted(), TestContext.Current.CancellationToken);
        await _accounts.HandleAsync(Adjudicated(), TestContext.Current.CancellationToken);

        await _accounts.RecordPatientPaymentAsync("acct-1", "pay-1", 1_500, "card", TestContext.Current.CancellationToken);
        var retry = await _accounts.RecordPatientPaymentAsync("acct-1", "pay-1", 1_500, "card", TestContext.Current.CancellationToken);

        Assert.Equal(500, retry.Value.PatientBalanceCents);
        Assert.Equal(500, (await _accounts.GetAsync("acct-1", TestContext.Current.CancellationToken)).Value.PatientBalanceCents);
    }

    [Fact]
    public async Task BothEventsAtOnce_NeitherIsStranded()
    {
        // A store whose reads happen before either commit: the two handlers race on the claim's link document.
        for (var i = 0; i < 20; i++)
        {
            var accounts = new AccountUseCases(new InMemoryDocumentStore(), new FakeTimeProvider());
            await Task.WhenAll(
                Task.Run(() => accounts.HandleAsync(Submitted(), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken),
                Task.Run(() => accounts.HandleAsync(Adjudicated(), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken));

            Assert.Equal(2_000, (await accounts.GetAsync("acct-1", TestContext.Current.CancellationToken)).Value.PatientBalanceCents);
        }
    }

    [Fact]
    public async Task OlderVersionArrivingLate_DoesNotUndoTheNewerCharge()
    {
        await _accounts.HandleAsync(Submitted() with { VersionNumber = 2, TotalChargeCents = 16_000 }, TestContext.Current.CancellationToken);
        await _accounts.HandleAsync(Submitted() with { VersionNumber = 1 }, TestContext.Current.CancellationToken);

        Assert.Equal(16_000, (await _accounts.GetAsync("acct-1", TestContext.Current.CancellationToken)).Value.Claims.Single().ChargeCents);
    }

    [Fact]
    public async Task PaymentBeforeAnyClaim_IsRefused_UnlessTheAccountIsToBeOpened_ThenTheMoneyWaitsUnapplied()
    {
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => _accounts.RecordPatientPaymentAsync("acct-9", "copay-0", 2_500, "card", TestContext.Current.CancellationToken));
        Assert.Equal("account_id", Assert.Single(unknown.Violations).Field);
        await Assert.ThrowsAsync<NotFoundException>(() => _accounts.GetAsync("acct-9", TestContext.Current.CancellationToken)); // nothing recorded

        var account = await _accounts.RecordPatientPaymentAsync("acct-9", "copay-1", 2_500, "card", TestContext.Current.CancellationToken, openAccount: true);
        await _accounts.HandleAsync(Submitted() with { PatientAccountId = "acct-9" }, TestContext.Current.CancellationToken);
        await _accounts.HandleAsync(Adjudicated(), TestContext.Current.CancellationToken);

        Assert.Equal(2_500, account.Value.UnappliedCents);
        var after = (await _accounts.GetAsync("acct-9", TestContext.Current.CancellationToken)).Value;
        Assert.Equal((2_000L, 500L, -500L), (after.Claims.Single().PatientPaidCents, after.UnappliedCents, after.PatientBalanceCents));
    }

    [Fact]
    public async Task PatientPayment_Invalid_NamesTheFields()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _accounts.RecordPatientPaymentAsync("acct-1", "k", 0, "bitcoin", TestContext.Current.CancellationToken));

        Assert.Equal(["amount_cents", "method", "account_id"], error.Violations.Select(v => v.Field)); // acct-1 has nothing billed yet
    }
}

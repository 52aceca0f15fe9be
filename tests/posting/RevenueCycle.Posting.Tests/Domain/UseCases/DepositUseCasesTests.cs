using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.UseCases;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

/// <summary>EFT reconciliation by trace number, in either order of arrival.</summary>
public sealed class DepositUseCasesTests
{
    private static readonly DateOnly Deposited = new(2026, 4, 3);
    private readonly InMemoryDocumentStore _store = new();
    private readonly RemittanceUseCases _remittances;
    private readonly DepositUseCases _deposits;

    public DepositUseCasesTests()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero));
        _remittances = new RemittanceUseCases(_store, clock);
        _deposits = new DepositUseCases(_store, clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deposit_AfterItsRemittance_IsMatched_AndTheRemittanceNoLongerAwaitsMoney()
    {
        var posted = await _remittances.PostAsync(WithCodingDenial(), Ct);
        Assert.Single((await _deposits.AwaitingDepositAsync(10, "", Ct)).Items);

        var deposit = await _deposits.RecordAsync("BANK-1", "TRN-1", "", 7_000, Deposited, Ct);

        Assert.Equal((ReconciliationStatus.Matched, posted.RemittanceId, "12345"), (deposit.Status, deposit.RemittanceId, deposit.PayerId));
        Assert.Empty((await _deposits.AwaitingDepositAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task Deposit_BeforeItsRemittance_WaitsAndIsMatchedWhenTheRemittanceIsPosted()
    {
        var deposit = await _deposits.RecordAsync("BANK-1", "TRN-1", "12345", 7_000, Deposited, Ct);
        Assert.Equal(ReconciliationStatus.AwaitingRemittance, deposit.Status);

        var posted = await _remittances.PostAsync(WithCodingDenial(), Ct);

        var matched = (await _deposits.ListAsync(ReconciliationStatus.Matched, 10, "", Ct)).Items.Single();
        Assert.Equal((deposit.DepositId, posted.RemittanceId), (matched.DepositId, matched.RemittanceId));
        Assert.Empty((await _deposits.ListAsync(ReconciliationStatus.AwaitingRemittance, 10, "", Ct)).Items);
        Assert.Empty((await _deposits.AwaitingDepositAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task Deposit_OfAnotherAmount_IsListedAsDiffering()
    {
        await _remittances.PostAsync(WithCodingDenial(), Ct);

        var deposit = await _deposits.RecordAsync("BANK-1", "TRN-1", "", 6_900, Deposited, Ct);

        Assert.Equal((ReconciliationStatus.AmountDiffers, 7_000L), (deposit.Status, deposit.RemittanceTotalCents));
        Assert.Single((await _deposits.ListAsync(ReconciliationStatus.AmountDiffers, 10, "", Ct)).Items);
    }

    [Fact]
    public async Task Deposit_RetriedWithTheSameBankReference_IsRecordedOnce_AndAChangedRetryIsRefused()
    {
        var first = await _deposits.RecordAsync("BANK-1", "TRN-9", "", 5_000, Deposited, Ct);
        var retry = await _deposits.RecordAsync("BANK-1", "TRN-9", "", 5_000, Deposited, Ct);

        Assert.Equal(first.DepositId, retry.DepositId);
        Assert.Single((await _deposits.ListAsync(ReconciliationStatus.AwaitingRemittance, 10, "", Ct)).Items);
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _deposits.RecordAsync("BANK-1", "TRN-9", "", 5_001, Deposited, Ct));
        await Assert.ThrowsAsync<ValidationException>(() => _deposits.RecordAsync("BANK-2", "TRN-9", "", 0, Deposited, Ct));
    }
}

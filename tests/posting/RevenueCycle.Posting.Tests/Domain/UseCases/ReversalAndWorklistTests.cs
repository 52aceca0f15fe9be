using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.UseCases;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

/// <summary>Reversal and correction pairs, and the denial worklists with their appeal deadlines.</summary>
public sealed class ReversalAndWorklistTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly RemittanceUseCases _remittances;
    private readonly RemittanceQueries _queries;

    public ReversalAndWorklistTests()
    {
        _remittances = new RemittanceUseCases(_store, new FakeTimeProvider(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero)),
            new PostingTables(new PostingSettings(120, new Dictionary<string, int> { ["99999"] = 90 }), null));
        _queries = new RemittanceQueries(_store);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The payer takes back its payment of C1 (CLP02 22, every amount negated) and pays it again, the denied line now paid.</summary>
    private static Remittance ReversalAndCorrection()
    {
        var original = WithCodingDenial().Claims[0];
        var reversal = original with
        {
            StatusCode = "22", ChargeCents = -original.ChargeCents, PaidCents = -original.PaidCents, PatientResponsibilityCents = -original.PatientResponsibilityCents,
            Lines = [.. original.Lines.Select(l => l with { ChargeCents = -l.ChargeCents, PaidCents = -l.PaidCents, Adjustments = [.. l.Adjustments.Select(a => a with { AmountCents = -a.AmountCents })] })],
        };
        var corrected = original with
        {
            PaidCents = 8_600,
            Lines = [original.Lines[0], Line("C1-2", "82947", 2_000, 1_600, Co("45", 400))],
        };
        return new Remittance("", "12345", "TRN-2", new DateOnly(2026, 5, 1), 1_600, [reversal, corrected], default);
    }

    [Fact]
    public async Task PaymentOfAVoidedClaim_IsPostedAndQueued_NeverAdjudicatedOrDenied()
    {
        var claims = new SubmittedClaimUseCases(_store, new FakeTimeProvider());
        await claims.HandleAsync(new ClaimSubmittedIntegrationEvent("C1", 2, "8", "12345", "acct-1", 14_500, []), Ct);

        var result = await _remittances.PostAsync(WithCodingDenial(), Ct);

        Assert.Equal((1, 0), (result.ClaimsPosted, result.DenialsDetected));
        Assert.DoesNotContain(await _store.ReadPendingAsync(20, Ct), m => m.Topic is Topics.ClaimAdjudicated or Topics.ClaimDenied);
        var item = Assert.Single((await new UnmatchedUseCases(_store).ListAsync(10, "", Ct)).Items);
        Assert.Equal(("C1", UnmatchedUseCases.VoidedClaimPaid, 7_000L), (item.ClaimId, item.Reason, item.PaidCents));
    }

    [Fact]
    public async Task Reversal_MarksTheOriginalPaymentReversed_AndClosesItsDenial()
    {
        await _remittances.PostAsync(WithCodingDenial(), Ct);
        Assert.Single((await _queries.WorklistAsync("coding", 10, "", Ct)).Items);

        var result = await _remittances.PostAsync(ReversalAndCorrection(), Ct);

        Assert.Equal((2, 0, 1_600L), (result.ClaimsPosted, result.DenialsDetected, result.TotalPaidCents));
        Assert.Empty((await _queries.WorklistAsync("coding", 10, "", Ct)).Items);
        var denial = (await _queries.ListDenialsAsync(DenialCategory.Unspecified, 10, "", Ct)).Items.Single();
        Assert.False(denial.Open);
        Assert.StartsWith("payment reversed by the payer", denial.Resolution, StringComparison.Ordinal);
        // Collections hears all three: the payment, its reversal (22) and the corrected payment.
        var adjudications = (await _store.ReadPendingAsync(20, Ct)).Where(m => m.Topic == Topics.ClaimAdjudicated).ToList();
        Assert.Equal(3, adjudications.Count);
    }

    [Fact]
    public async Task SecondReversal_TakesBackTheCorrectedPayment_NotTheOriginalAgain()
    {
        var first = await _remittances.PostAsync(WithCodingDenial(), Ct);
        var second = await _remittances.PostAsync(ReversalAndCorrection(), Ct);

        await _remittances.PostAsync(ReversalAndCorrection() with { TraceNumber = "TRN-3" }, Ct);

        async Task<string?> ReversedBy(string remittanceId, int sequence) =>
            (await _store.GetAsync<string>($"reversed:payment:{remittanceId}:{sequence:D7}", Ct))?.Value;
        Assert.Equal($"payment:{second.RemittanceId}:0000000", await ReversedBy(first.RemittanceId, 0));
        Assert.NotNull(await ReversedBy(second.RemittanceId, 1)); // TRN-2's corrected payment
        Assert.Null(await ReversedBy(second.RemittanceId, 0)); // a reversal is never itself reversed
    }

    [Fact]
    public async Task Reversal_WithNoEarlierPayment_PostsOnItsOwn()
    {
        var reversal = ReversalAndCorrection();

        var result = await _remittances.PostAsync(reversal with { Claims = [reversal.Claims[0]], TotalPaidCents = reversal.Claims[0].PaidCents }, Ct);

        Assert.Equal((1, 0), (result.ClaimsPosted, result.DenialsDetected));
    }

    [Fact]
    public async Task Worklists_SplitByOwner_NearestAppealDeadlineFirst_WithThePayersWindow()
    {
        await _remittances.PostAsync(WithCodingDenial("T-A", "27") with { PaymentDate = new DateOnly(2026, 4, 1) }, Ct); // eligibility: front-end
        await _remittances.PostAsync(WithCodingDenial("T-B", "29") with { PaymentDate = new DateOnly(2026, 4, 1) }, Ct); // timely filing: billing
        await _remittances.PostAsync(WithCodingDenial("T-C", "18") with { PayerId = "99999", PaymentDate = new DateOnly(2026, 4, 1) }, Ct); // duplicate: billing, 90 days
        await _remittances.PostAsync(WithCodingDenial("T-D", "15") with { PaymentDate = new DateOnly(2026, 4, 2) }, Ct); // authorization: front-end (map 2026.2)

        var billing = (await _queries.WorklistAsync("billing", 10, "", Ct)).Items;
        var frontEnd = (await _queries.WorklistAsync("front-end", 10, "", Ct)).Items;

        Assert.Equal([("18", new DateOnly(2026, 6, 30)), ("29", new DateOnly(2026, 7, 30))], billing.Select(d => (d.ReasonCode, d.AppealDeadline!.Value)));
        Assert.Equal(["27", "15"], frontEnd.Select(d => d.ReasonCode));
        Assert.Empty((await _queries.WorklistAsync("coding", 10, "", Ct)).Items);
        await Assert.ThrowsAsync<ValidationException>(() => _queries.WorklistAsync("nobody", 10, "", Ct));
    }
}

using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.UseCases;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

public sealed class RemittanceUseCasesTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly RemittanceQueries _queries;
    private readonly RemittanceUseCases _remittances;

    public RemittanceUseCasesTests()
    {
        _remittances = new RemittanceUseCases(_store, new FakeTimeProvider(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero)));
        _queries = new RemittanceQueries(_store);
    }

    [Fact]
    public async Task Post_PublishesTheDenialAndTheAdjudicationInOneCommit()
    {
        var result = await _remittances.PostAsync(WithCodingDenial(), TestContext.Current.CancellationToken);

        Assert.Equal((false, 1, 1, 7_000L), (result.Duplicate, result.ClaimsPosted, result.DenialsDetected, result.TotalPaidCents));
        var messages = await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken);
        Assert.Equal([Topics.ClaimDenied, Topics.ClaimAdjudicated], messages.Select(m => m.Topic));
        var denied = JsonSerializer.Deserialize<ClaimDeniedIntegrationEvent>(messages[0].Json, DocumentJson.Options)!;
        Assert.Equal(("C1", "C1-2", "97", "coding", "ICN-1", 2_000L), (denied.ClaimId, denied.LineItemControlNumber, denied.ReasonCode, denied.RootCause, denied.PayerClaimControlNumber, denied.DeniedCents));
        Assert.Equal(new DateOnly(2026, 3, 2), denied.ServiceDate);
        var adjudicated = JsonSerializer.Deserialize<ClaimAdjudicatedIntegrationEvent>(messages[1].Json, DocumentJson.Options)!;
        // The CO-97 denial is not adjusted away: it stays open while the correction is worked.
        Assert.Equal((7_000L, 3_500L, 2_000L, "acct-1"), (adjudicated.PaidCents, adjudicated.AdjustmentCents, adjudicated.PatientResponsibilityCents, adjudicated.PatientAccountId));
        Assert.Equal((0L, 2_000L, 0L), (adjudicated.DeductibleCents, adjudicated.CoinsuranceCents, adjudicated.CopayCents));
        // Line by line, for the patient ledger: the denied line's CO-97 is not a settled adjustment.
        Assert.Equal([new AdjudicatedLine("C1-1", 7_000, 3_500, 0, 2_000, 0, 0), new AdjudicatedLine("C1-2", 0, 0, 0, 0, 0, 0)], adjudicated.Lines!);
    }

    [Fact]
    public async Task Post_ANonCoveredService_IsThePatientsAsNonCovered_NotAsOther()
    {
        var remittance = Remittances.WithCodingDenial() with
        {
            Claims = [Remittances.WithCodingDenial().Claims[0] with
            {
                PatientResponsibilityCents = 4_000,
                Lines = [Remittances.Line("C1-1", "99213", 12_500, 7_000, Remittances.Co("45", 3_500), Remittances.Pr("2", 2_000)),
                    Remittances.Line("C1-2", "82947", 2_000, 0, Remittances.Pr("96", 2_000))],
            }],
        };

        await _remittances.PostAsync(remittance, TestContext.Current.CancellationToken);

        var messages = await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken);
        var adjudicated = JsonSerializer.Deserialize<ClaimAdjudicatedIntegrationEvent>(messages.Single(m => m.Topic == Topics.ClaimAdjudicated).Json, DocumentJson.Options)!;
        Assert.Equal((2_000L, 2_000L, 4_000L), (adjudicated.CoinsuranceCents, adjudicated.NonCoveredCents, adjudicated.PatientResponsibilityCents));
        Assert.Equal(new AdjudicatedLine("C1-2", 0, 0, 0, 0, 0, 0, NonCoveredCents: 2_000), adjudicated.Lines![1]);
    }

    [Fact]
    public async Task Post_SameRemittanceTwice_IsRecognisedAndPostsNothing()
    {
        var first = await _remittances.PostAsync(WithCodingDenial(), TestContext.Current.CancellationToken);
        var second = await _remittances.PostAsync(WithCodingDenial(), TestContext.Current.CancellationToken);

        Assert.True(second.Duplicate);
        Assert.Equal(first.RemittanceId, second.RemittanceId);
        Assert.Equal(2, (await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken)).Count);
        Assert.Single((await _queries.ListDenialsAsync(DenialCategory.Unspecified, 10, "", TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task Post_Unbalanced_PostsNothing()
    {
        var remittance = WithCodingDenial() with { TotalPaidCents = 1 };

        await Assert.ThrowsAsync<ValidationException>(() => _remittances.PostAsync(remittance, TestContext.Current.CancellationToken));

        Assert.Empty(await _store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
        Assert.Empty((await _queries.ListDenialsAsync(DenialCategory.Unspecified, 10, "", TestContext.Current.CancellationToken)).Items);
        // The same trace can still be posted once corrected: nothing marked it as seen.
        Assert.False((await _remittances.PostAsync(WithCodingDenial(), TestContext.Current.CancellationToken)).Duplicate);
    }

    [Fact]
    public async Task ListDenials_FiltersByCategory()
    {
        await _remittances.PostAsync(WithCodingDenial("T1", "97"), TestContext.Current.CancellationToken);
        await _remittances.PostAsync(WithCodingDenial("T2", "197"), TestContext.Current.CancellationToken);

        var authorization = await _queries.ListDenialsAsync(DenialCategory.Authorization, 10, "", TestContext.Current.CancellationToken);
        var all = await _queries.ListDenialsAsync(DenialCategory.Unspecified, 10, "", TestContext.Current.CancellationToken);

        Assert.Equal("197", Assert.Single(authorization.Items).ReasonCode);
        Assert.Equal("front-end", authorization.Items[0].RootCause);
        Assert.Equal(2, all.Items.Count);
    }
}

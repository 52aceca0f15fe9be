using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;
using RevenueCycle.Posting.Domain.UseCases;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

/// <summary>Claim payments matched to what was submitted while posting; what is not goes to the work queue.</summary>
public sealed class UnmatchedUseCasesTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly RemittanceQueries _queries;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero));
    private readonly RemittanceUseCases _remittances;
    private readonly SubmittedClaimUseCases _claims;
    private readonly UnmatchedUseCases _unmatched;

    public UnmatchedUseCasesTests()
    {
        _queries = new RemittanceQueries(_store);
        _remittances = new RemittanceUseCases(_store, _clock);
        _claims = new SubmittedClaimUseCases(_store, _clock);
        _unmatched = new UnmatchedUseCases(_store);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimSubmittedIntegrationEvent Submitted(int version = 1) => new("C1", version, "1", "12345", "acct-1", 14_500,
    [
        new SubmittedLineCodes("C1-1", "99213", ["25"], ["E119"], new DateOnly(2026, 3, 2), 1, 12_500, "11"),
        new SubmittedLineCodes("C1-2", "82947", ["QW"], ["E119"], new DateOnly(2026, 3, 2), 1, 2_000, "11"),
    ], "11");

    /// <summary>The sample remittance as a payer that returns no REF*6R and drops modifiers sends it.</summary>
    private static Remittance WithoutControlNumbers() => WithCodingDenial() with
    {
        Claims = [WithCodingDenial().Claims[0] with { Lines = [.. WithCodingDenial().Claims[0].Lines.Select(l => l with { LineItemControlNumber = "" })] }],
    };

    [Fact]
    public async Task Post_PayerDroppedModifiersAndControlNumbers_LinesAreMatchedAndTheDenialNamesTheLine()
    {
        await _claims.HandleAsync(Submitted(), Ct);

        var result = await _remittances.PostAsync(WithoutControlNumbers(), Ct);

        var posted = await _queries.GetAsync(result.RemittanceId, Ct);
        Assert.Equal(["C1-1", "C1-2"], posted.Claims[0].Lines.Select(l => l.LineItemControlNumber));
        var denied = (await _store.ReadPendingAsync(10, Ct)).Single(m => m.Topic == Topics.ClaimDenied);
        Assert.Equal("C1-2", JsonSerializer.Deserialize<ClaimDeniedIntegrationEvent>(denied.Json, DocumentJson.Options)!.LineItemControlNumber);
        Assert.Empty((await _unmatched.ListAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task Post_LineNotOnTheClaim_IsPostedAndQueuedWithTheReason()
    {
        await _claims.HandleAsync(Submitted(), Ct);
        var remittance = WithoutControlNumbers();
        var claim = remittance.Claims[0];
        remittance = remittance with { Claims = [claim with { Lines = [claim.Lines[0], claim.Lines[1] with { ProcedureCode = "82950" }] }] };

        var result = await _remittances.PostAsync(remittance, Ct);

        Assert.Equal(1, result.ClaimsPosted);
        var item = Assert.Single((await _unmatched.ListAsync(10, "", Ct)).Items);
        Assert.Equal(("C1", "82950", 0L, "no submitted line of the claim has procedure 82950 on 2026-03-02"), (item.ClaimId, item.ProcedureCode, item.PaidCents, item.Reason));
    }

    [Fact]
    public async Task Post_UnknownClaim_IsQueued_AndLeavesTheQueueWhenTheClaimIsSubmitted()
    {
        await _remittances.PostAsync(WithCodingDenial(), Ct);

        var item = Assert.Single((await _unmatched.ListAsync(10, "", Ct)).Items);
        Assert.Equal(("C1", UnmatchedUseCases.UnknownClaim, 7_000L), (item.ClaimId, item.Reason, item.PaidCents));

        await _claims.HandleAsync(Submitted(), Ct);

        Assert.Empty((await _unmatched.ListAsync(10, "", Ct)).Items);
        var resolved = (await _store.GetAsync<UnmatchedPayment>(UnmatchedUseCases.Key(item.ItemId), Ct))!.Value;
        Assert.Equal(_clock.GetUtcNow(), resolved.ResolvedAt);
    }

    [Fact]
    public async Task Submitted_OlderVersionAfterANewer_IsIgnored()
    {
        await _claims.HandleAsync(Submitted(version: 2) with { Lines = [new SubmittedLineCodes("C1-1", "99214", [], [])] }, Ct);
        await _claims.HandleAsync(Submitted(version: 1), Ct);

        var claim = (await _store.GetAsync<SubmittedClaim>(SubmittedClaimUseCases.Key("C1"), Ct))!.Value;
        Assert.Equal((2, "99214"), (claim.VersionNumber, claim.Lines.Single().ProcedureCode));
        Assert.Equal(LineMatcher.ByControlNumber, LineMatcher.Match([WithCodingDenial().Claims[0].Lines[0]], claim).Single().How);
    }
}

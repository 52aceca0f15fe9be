using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.UseCases;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

/// <summary>How denials end: paid on a later answer to the corrected claim, or closed by their owner.</summary>
public sealed class DenialUseCasesTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero));
    private readonly RemittanceUseCases _remittances;
    private readonly RemittanceQueries _queries;
    private readonly DenialUseCases _denials;

    public DenialUseCasesTests()
    {
        _remittances = new RemittanceUseCases(_store, _clock);
        _queries = new RemittanceQueries(_store);
        _denials = new DenialUseCases(_store, _clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The payer's answer to the replacement: the line it denied (C1-2, CO-97) now paid with its modifier.</summary>
    private static Remittance ReplacementPaid(string deniedLinePaid = "C1-2") => new("", "12345", "TRN-7", new DateOnly(2026, 4, 20), 8_600,
    [
        new ClaimPayment("C1", "1", 14_500, 8_600, 2_000, "ICN-1", [],
        [
            Line("C1-1", "99213", 12_500, 7_000, Co("45", 3_500), Pr("2", 2_000)),
            Line(deniedLinePaid, "82947", 2_000, 1_600, Co("45", 400)),
        ], [], "", "acct-1"),
    ], default);

    private async Task SubmittedAsync(int version) =>
        await new SubmittedClaimUseCases(_store, _clock).HandleAsync(new ClaimSubmittedIntegrationEvent("C1", version, version == 1 ? "1" : "7", "12345", "acct-1", 14_500, []), Ct);

    [Fact]
    public async Task ThePayerPayingTheCorrectedLine_ClosesItsDenial_AndTheWorklistEmpties()
    {
        await SubmittedAsync(1);
        await _remittances.PostAsync(WithCodingDenial(), Ct);
        Assert.Single((await _queries.WorklistAsync("coding", 10, "", Ct)).Items);

        await SubmittedAsync(2); // the coder's replacement went out
        await _remittances.PostAsync(ReplacementPaid(), Ct);

        Assert.Empty((await _queries.WorklistAsync("coding", 10, "", Ct)).Items);
        var denial = Assert.Single((await _queries.ListDenialsAsync(DenialCategory.Coding, 10, "", Ct)).Items);
        Assert.False(denial.Open);
        Assert.StartsWith("paid on a later answer (rem_", denial.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReversalAndTheCorrectedPaymentInOneFile_CloseTheDenialOnce()
    {
        await SubmittedAsync(1);
        await _remittances.PostAsync(WithCodingDenial(), Ct);
        await SubmittedAsync(2);
        var original = WithCodingDenial().Claims[0];
        var reversal = original with
        {
            StatusCode = "22", ChargeCents = -original.ChargeCents, PaidCents = -original.PaidCents, PatientResponsibilityCents = -original.PatientResponsibilityCents,
            Lines = [.. original.Lines.Select(l => l with { ChargeCents = -l.ChargeCents, PaidCents = -l.PaidCents, Adjustments = [.. l.Adjustments.Select(a => a with { AmountCents = -a.AmountCents })] })],
        };
        var corrected = ReplacementPaid().Claims[0];

        var result = await _remittances.PostAsync(new Remittance("", "12345", "TRN-8", new DateOnly(2026, 4, 20), 1_600, [reversal, corrected], default), Ct);

        Assert.Equal(2, result.ClaimsPosted);
        var denial = Assert.Single((await _queries.ListDenialsAsync(DenialCategory.Coding, 10, "", Ct)).Items);
        Assert.StartsWith("payment reversed by the payer", denial.Resolution, StringComparison.Ordinal);
        Assert.Empty((await _queries.WorklistAsync("coding", 10, "", Ct)).Items);
    }

    [Fact]
    public async Task ALaterAnswerThatPaysOtherLines_LeavesTheDenialOpen()
    {
        await SubmittedAsync(1);
        await _remittances.PostAsync(WithCodingDenial(), Ct);
        await SubmittedAsync(2);

        await _remittances.PostAsync(ReplacementPaid(deniedLinePaid: "C1-9"), Ct); // a line that was never denied

        Assert.Single((await _queries.WorklistAsync("coding", 10, "", Ct)).Items);
    }

    [Fact]
    public async Task Resolve_ClosesTheDenial_ARetryReturnsIt_AnotherResolutionIsRefused()
    {
        await _remittances.PostAsync(WithCodingDenial(denialCarc: "29"), Ct); // timely filing: billing's
        var open = Assert.Single((await _queries.WorklistAsync("billing", 10, "", Ct)).Items);

        var closed = await _denials.ResolveAsync(open.DenialId, "WRITTEN_OFF", "past the filing limit", Ct);
        var again = await _denials.ResolveAsync(open.DenialId, "WRITTEN_OFF", "past the filing limit", Ct);

        Assert.Equal(("WRITTEN_OFF: past the filing limit", _clock.GetUtcNow()), (closed.Resolution, closed.ClosedAt!.Value));
        Assert.Equal((closed.DenialId, closed.ClosedAt, closed.Resolution), (again.DenialId, again.ClosedAt, again.Resolution));
        Assert.Empty((await _queries.WorklistAsync("billing", 10, "", Ct)).Items);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => _denials.ResolveAsync(open.DenialId, "APPEALED", "", Ct));
    }

    [Theory]
    [InlineData("", "WRITTEN_OFF", "denial_id")]
    [InlineData("den_1", "FORGIVEN", "resolution")]
    public async Task BadInput_IsAFieldError(string id, string resolution, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _denials.ResolveAsync(id, resolution, "", Ct));

        Assert.Contains(error.Violations, v => v.Field == field);
    }

    [Fact]
    public async Task AnUnknownDenial_IsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => _denials.ResolveAsync("den_nope", "OTHER", "", Ct));
}

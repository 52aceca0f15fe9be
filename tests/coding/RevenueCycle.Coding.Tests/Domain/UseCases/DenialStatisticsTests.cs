using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.ReferenceData.Edits;

namespace RevenueCycle.Coding.Tests.Domain.UseCases;

/// <summary>Denials feed back to coding time: the payer's history of a combination is shown when it is coded again.</summary>
public sealed class DenialStatisticsTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 10, 0, 0, 0, TimeSpan.Zero));
    private readonly DenialStatistics _statistics;
    private readonly CorrectionUseCases _corrections;
    private readonly EncounterUseCases _encounters;

    public DenialStatisticsTests()
    {
        var catalog = new ReferenceDataCatalog(DemoPack.Load(_clock));
        _statistics = new DenialStatistics(_store, _clock);
        _corrections = new CorrectionUseCases(_store, catalog, _statistics, _clock);
        _encounters = new EncounterUseCases(_store, catalog, _statistics, _clock);
    }

    private static ClaimSubmittedIntegrationEvent Submitted(string claimId) =>
        new(claimId, 1, "1", "12345", "acct-1", 20_000, [new SubmittedLineCodes($"{claimId}-1", "99214", ["25"], ["Z0000"]), new SubmittedLineCodes($"{claimId}-2", "G0439", [], ["Z0000"])]);

    private static ClaimDeniedIntegrationEvent Denied(string claimId, string payer = "12345") => CorrectionUseCasesTests.Denial() with
    {
        Id = Guid.NewGuid().ToString("N"), ClaimId = claimId, PayerId = payer, LineItemControlNumber = $"{claimId}-1", ProcedureCode = "99214", Modifiers = ["25"],
    };

    private Task<CodeValidation> ValidateAsync(string payer) => _encounters.ValidateAsync(
        new DateOnly(2026, 4, 10), PatientContext.Unknown, payer, [new Diagnosis("Z00.00", "")], [new CodedProcedure("99214", ["25"], 1, [1])], TestContext.Current.CancellationToken);

    [Fact]
    public async Task ThreeDenials_WarnAtCodingTime_ForThatPayerOnly()
    {
        foreach (var claim in new[] { "C1", "C2", "C3" })
        {
            await _statistics.HandleAsync(Submitted(claim), TestContext.Current.CancellationToken);
            await _corrections.HandleAsync(Denied(claim), TestContext.Current.CancellationToken);
        }

        var warned = await ValidateAsync("12345");
        var otherPayer = await ValidateAsync("99999");

        var warning = Assert.Single(warned.Findings, f => f.RuleId == "DENIAL-HISTORY");
        Assert.Equal("Payer 12345 denied 99214 with modifier 25 and Z00.00 3 times in the last 90 days (CARC 97).", warning.Message);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.True(warned.Valid);
        Assert.DoesNotContain(otherPayer.Findings, f => f.RuleId == "DENIAL-HISTORY");
    }

    [Fact]
    public async Task RedeliveredDenial_CountsOnce_AndOldDenialsFadeOut()
    {
        await _statistics.HandleAsync(Submitted("C1"), TestContext.Current.CancellationToken);
        var denial = Denied("C1");
        await _corrections.HandleAsync(denial, TestContext.Current.CancellationToken);
        await _corrections.HandleAsync(denial, TestContext.Current.CancellationToken);

        Assert.Contains("once", (await ValidateAsync("12345")).Findings.Single(f => f.RuleId == "DENIAL-HISTORY").Message);
        _clock.Advance(TimeSpan.FromDays(91));
        Assert.DoesNotContain((await ValidateAsync("12345")).Findings, f => f.RuleId == "DENIAL-HISTORY");
    }

    [Fact]
    public async Task DenialOfAClaimNeverSeen_CountsForAnyDiagnosis()
    {
        await _corrections.HandleAsync(Denied("C-elsewhere"), TestContext.Current.CancellationToken);

        var warning = (await ValidateAsync("12345")).Findings.Single(f => f.RuleId == "DENIAL-HISTORY");
        Assert.Equal("Payer 12345 denied 99214 with modifier 25 once in the last 90 days (CARC 97).", warning.Message);
    }

    [Fact]
    public async Task BillingDenials_AreNotCodingHistory()
    {
        await _statistics.HandleAsync(Submitted("C1"), TestContext.Current.CancellationToken);
        await _corrections.HandleAsync(Denied("C1") with { RootCause = "billing", ReasonCode = "197" }, TestContext.Current.CancellationToken);

        Assert.DoesNotContain((await ValidateAsync("12345")).Findings, f => f.RuleId == "DENIAL-HISTORY");
    }
}

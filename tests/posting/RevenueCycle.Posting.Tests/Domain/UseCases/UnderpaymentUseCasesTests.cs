using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Rules;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.ReferenceData.Fees;
using RevenueCycle.Testing;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

/// <summary>Expected against allowed per line: a contracted rate, the Medicare fee schedule (CMS CY2025 files) as baseline.</summary>
[RequiresSharedData]
public sealed class UnderpaymentUseCasesTests
{
    private static readonly Lazy<PhysicianFeeSchedule> Mpfs = new(() =>
        PhysicianFeeSchedule.Load(SharedData.File("data", "mpfs", "pprrvu_2025_jan.csv"), SharedData.File("data", "mpfs", "gpci_2025.csv")));

    private readonly InMemoryDocumentStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RemittanceUseCases Remittances(string contractsCsv, string locality = "")
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "contracts.csv");
        File.WriteAllText(path, "payer_id,hcpcs,modifier,allowed,percent_of_medicare\n" + contractsCsv);
        var expected = new ExpectedPayments(Mpfs.Value, ContractFeeSchedule.Load(path), UnderpaymentSettings.Default with { Locality = locality });
        return new RemittanceUseCases(_store, _clock, new PostingTables(PostingSettings.Default, expected));
    }

    private async Task Submit(string payerId, string placeOfService = "11") =>
        await new SubmittedClaimUseCases(_store, _clock).HandleAsync(new ClaimSubmittedIntegrationEvent("C1", 1, "1", payerId, "acct-1", 14_500,
        [
            new SubmittedLineCodes("C1-1", "99213", ["25"], ["E119"], new DateOnly(2026, 3, 2), 1, 12_500, placeOfService),
            new SubmittedLineCodes("C1-2", "82947", [], ["E119"], new DateOnly(2026, 3, 2), 1, 2_000, placeOfService),
        ]), Ct);

    [Fact]
    public async Task ContractedRate_AllowedBelowIt_IsAnUnderpayment_AndTheDeniedLineIsNot()
    {
        await Submit("12345");

        // The payer allowed 90.00 (70.00 paid + 20.00 coinsurance) for 99213; the contract says 95.00.
        await Remittances("12345,99213,,95.00,\n").PostAsync(WithCodingDenial(), Ct);

        var item = Assert.Single((await new UnderpaymentUseCases(_store).ListAsync(10, "", Ct)).Items);
        Assert.Equal(("C1-1", 9_500L, 9_000L, 500L, "contract 12345 99213"), (item.LineItemControlNumber, item.ExpectedCents, item.AllowedCents, item.VarianceCents, item.Basis));
    }

    [Fact]
    public async Task NoContract_MedicareFeeScheduleIsTheBaseline_InTheConfiguredLocality()
    {
        await Submit("55555");

        // National 99213 non-facility is 88.95; in Alaska (02102:01) 112.20. The payer allowed 90.00.
        await Remittances("", locality: "02102:01").PostAsync(WithCodingDenial() with { PayerId = "55555" }, Ct);

        var item = Assert.Single((await new UnderpaymentUseCases(_store).ListAsync(10, "", Ct)).Items);
        Assert.Equal((11_220L, 2_220L), (item.ExpectedCents, item.VarianceCents));
        Assert.Equal("Medicare PFS pprrvu_2025_jan, ALASKA*, non-facility", item.Basis);
    }

    [Fact]
    public async Task PercentOfMedicare_InAFacility_UsesTheFacilityFee_AndPaidInFullIsNoUnderpayment()
    {
        await Submit("12345", placeOfService: "22");

        // 140% of the national facility fee (63.72) is 89.21: the 90.00 allowed is enough.
        await Remittances("12345,*,,,140\n").PostAsync(WithCodingDenial(), Ct);

        Assert.Empty((await new UnderpaymentUseCases(_store).ListAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task ShortfallWithinTheThreshold_IsNotAnUnderpayment()
    {
        await Submit("12345");

        await Remittances("12345,99213,,91.50,\n").PostAsync(WithCodingDenial(), Ct); // 1.50 short, under 2% of 91.50 (1.83)

        Assert.Empty((await new UnderpaymentUseCases(_store).ListAsync(10, "", Ct)).Items);
    }
}

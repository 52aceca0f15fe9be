using Microsoft.Extensions.Time.Testing;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.ReferenceData.Remittance;
using RevenueCycle.Testing;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

/// <summary>CARC and RARC codes checked against the X12 code lists (the shared June 2024 files), or by shape without them.</summary>
public sealed class PostingSettingsTests
{
    private static readonly Lazy<PostingSettings> WithLists = new(() => PostingSettings.Default with
    {
        Carcs = AdjustmentCodeList.Load(SharedData.File("data", "remittance", "carc.csv")),
        Rarcs = AdjustmentCodeList.Load(SharedData.File("data", "remittance", "rarc.csv")),
    });

    private static readonly DateOnly Paid = new(2026, 4, 1);

    [RequiresSharedData]
    [Fact]
    public void CodeFindings_KnownActiveCodes_AreNone()
    {
        Assert.Empty(WithLists.Value.CodeFindings(WithCodingDenial().Claims[0] with { RemarkCodes = ["M15"] }, Paid));
    }

    [RequiresSharedData]
    [Fact]
    public void CodeFindings_RetiredAndUnknownCodes_AreNamed()
    {
        var claim = WithCodingDenial("T", denialCarc: "17").Claims[0] with { RemarkCodes = ["N9999"] };
        claim = claim with { Adjustments = [Co("Z99", 0)] };

        var findings = WithLists.Value.CodeFindings(claim, Paid).ToList();

        Assert.Equal(
        [
            "CARC Z99 is not a claim adjustment reason code (carc)",
            "CARC 17 is not in force on 2026-04-01 (carc)",
            "RARC N9999 is not a remittance advice remark code (rarc)",
        ], findings.OrderBy(f => f.StartsWith("CARC 1", StringComparison.Ordinal) ? 1 : f.StartsWith("RARC", StringComparison.Ordinal) ? 2 : 0));
    }

    [Fact]
    public void CodeFindings_WithoutLists_CheckTheShape()
    {
        var claim = WithCodingDenial("T", denialCarc: "45X").Claims[0] with { RemarkCodes = ["MA01", "HELLO"] };

        Assert.Equal(["CARC 45X is not a claim adjustment reason code", "RARC HELLO is not a remittance advice remark code"], PostingSettings.Default.CodeFindings(claim, Paid));
    }

    [RequiresSharedData]
    [Fact]
    public async Task Post_UnknownCarc_PostsAndReportsTheFinding()
    {
        var remittances = new RemittanceUseCases(new InMemoryDocumentStore(), new FakeTimeProvider(), new PostingTables(WithLists.Value, null));

        var result = await remittances.PostAsync(WithCodingDenial("T", denialCarc: "Z99"), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ClaimsPosted);
        Assert.Equal(["claim payment 1 (claim C1): CARC Z99 is not a claim adjustment reason code (carc)"], result.Findings);
    }
}

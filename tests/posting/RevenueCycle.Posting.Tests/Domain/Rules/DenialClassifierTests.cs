using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.Rules;

public sealed class DenialClassifierTests
{
    [Theory]
    [InlineData("97", DenialCategory.Coding, "coding")]
    [InlineData("11", DenialCategory.Coding, "coding")]
    [InlineData("236", DenialCategory.Coding, "coding")]
    [InlineData("50", DenialCategory.MedicalNecessity, "coding")]
    [InlineData("197", DenialCategory.Authorization, "front-end")]
    [InlineData("15", DenialCategory.Authorization, "front-end")]
    [InlineData("29", DenialCategory.TimelyFiling, "billing")]
    [InlineData("22", DenialCategory.CoordinationOfBenefits, "front-end")]
    [InlineData("26", DenialCategory.Eligibility, "front-end")]
    [InlineData("18", DenialCategory.Duplicate, "billing")]
    [InlineData("27", DenialCategory.Eligibility, "front-end")]
    [InlineData("31", DenialCategory.Eligibility, "front-end")]
    [InlineData("204", DenialCategory.Other, "billing")]
    public void Categorize_MapsTheCarcToCategoryAndOwner(string carc, DenialCategory category, string owner)
    {
        var actual = DenialClassifier.Categorize(carc, []);

        Assert.Equal(category, actual);
        Assert.Equal(owner, DenialClassifier.RootCause(actual));
    }

    [Fact]
    public void Categorize_Carc16_IsCodingOnlyWithACodingRemark()
    {
        Assert.Equal(DenialCategory.Coding, DenialClassifier.Categorize("16", ["N382", "M76"]));
        Assert.Equal(DenialCategory.Other, DenialClassifier.Categorize("16", ["N382"]));
    }

    [Fact]
    public void Find_ContractualAndPatientShare_AreNotDenials()
    {
        var claim = new ClaimPayment("C1", "1", 12_500, 7_000, 2_000, "ICN", [], [Line("L1", "99213", 12_500, 7_000, Co("45", 3_500), Pr("2", 2_000))], [], "", "");

        Assert.Empty(DenialClassifier.Find(claim));
    }

    [Fact]
    public void Find_CapitatedLine_IsNotADenial()
    {
        var claim = new ClaimPayment("C1", "1", 12_500, 0, 0, "ICN", [], [Line("L1", "99213", 12_500, 0, Co("24", 12_500))], [], "", "");

        Assert.Empty(DenialClassifier.Find(claim));
    }

    [Fact]
    public void Find_ZeroPaidLineWithADenialCarc_IsALineDenial()
    {
        var claim = WithCodingDenial().Claims[0];

        var (line, adjustment, _) = Assert.Single(DenialClassifier.Find(claim));

        Assert.Equal("C1-2", line!.LineItemControlNumber);
        Assert.Equal(("CO", "97", 2_000L), (adjustment.GroupCode, adjustment.ReasonCode, adjustment.AmountCents));
    }

    [Fact]
    public void Find_DeniedClaimWithoutLines_IsAClaimDenial()
    {
        var claim = new ClaimPayment("C1", "4", 14_500, 0, 0, "ICN", [Co("27", 14_500)], [], ["MA130"], "", "");

        var (line, adjustment, remarks) = Assert.Single(DenialClassifier.Find(claim));

        Assert.Null(line);
        Assert.Equal("27", adjustment.ReasonCode);
        Assert.Equal(["MA130"], remarks);
    }

    [Fact]
    public void Find_Reversal_IsNotADenial()
    {
        var claim = new ClaimPayment("C1", "22", -14_500, 0, 0, "ICN", [Co("27", -14_500)], [], [], "", "");

        Assert.Empty(DenialClassifier.Find(claim));
    }
}

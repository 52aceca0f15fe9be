using RevenueCycle.Collections.Domain.Assistance;

namespace RevenueCycle.Collections.Tests.Domain.Assistance;

public sealed class FinancialAssistanceTests
{
    private const string Header = "year,region,household_size,guideline_dollars\n";

    private static string Table(string region = "contiguous", int first = 15650, int step = 5500) =>
        string.Concat(Enumerable.Range(1, 8).Select(n => $"2025,{region},{n},{first + (n - 1) * step}\n")) + $"2025,{region},additional,{step}\n";

    [Theory]
    [InlineData(1, 15_650_00, 100, 100)] // at the guideline
    [InlineData(4, 64_300_00, 200, 100)] // 2 x $32,150: the top of the first tier
    [InlineData(4, 64_300_01, 200, 75)] // a cent over 200%: the next tier, though the percent shown rounds down to 200
    [InlineData(4, 80_000_00, 248, 75)]
    [InlineData(3, 106_600_00, 400, 50)]
    [InlineData(3, 106_900_00, 401, 0)] // over the scale
    [InlineData(10, 65_150_00, 100, 100)] // $54,150 for eight, + 2 x $5,500
    public void TheDemoPolicy_PlacesAHouseholdOnTheSlidingScale(int household, long incomeCents, int percent, int discount)
    {
        var screening = FinancialAssistance.Demo().Screen(household, incomeCents);

        Assert.Equal((2025, percent), (screening.GuidelineYear, screening.PercentOfPoverty));
        Assert.Equal(discount, screening.DiscountPercent);
    }

    [Fact]
    public void AYearsTable_ReadsEveryRegion_AndAHouseholdOverEightAddsThePerPersonAmount()
    {
        var guidelines = PovertyGuidelines.Parse(new StringReader(Header + Table() + Table("alaska", 19550, 6880)), "g.csv");

        Assert.Equal(2025, guidelines.Year);
        Assert.Equal(19_550_00 + 10 * 6_880_00, guidelines.GuidelineCents("alaska", 11));
        Assert.False(guidelines.Has("hawaii"));
    }

    [Theory]
    [InlineData("year,size\n", "g.csv:1: the header must be")]
    [InlineData(Header + "2025,contiguous,1\n", "g.csv:2: expected 4 fields")]
    [InlineData(Header + "2025,guam,1,15650\n", "g.csv:2: region 'guam' must be one of")]
    [InlineData(Header + "2025,contiguous,9,15650\n", "g.csv:2: household_size '9' must be 1 to 8 or 'additional'")]
    [InlineData(Header + "2025,contiguous,1,15650.50\n", "g.csv:2: guideline_dollars '15650.50' must be a whole number of dollars")]
    [InlineData(Header + "2025,contiguous,1,15650\n2024,contiguous,2,21150\n", "g.csv:3: year 2024 differs from the file's 2025")]
    [InlineData(Header + "2025,contiguous,1,15650\n", "g.csv: contiguous has no row for household size 2, 3, 4, 5, 6, 7, 8, additional")]
    public void ABadGuidelinesFile_IsRefusedWithItsLine(string text, string error)
    {
        var e = Assert.Throws<FormatException>(() => PovertyGuidelines.Parse(new StringReader(text), "g.csv"));

        Assert.StartsWith(error, e.Message);
    }

    [Theory]
    [InlineData("""{"region":"contiguous","validDays":240,"tiers":[{"upToPercentOfPoverty":300,"discountPercent":50},{"upToPercentOfPoverty":200,"discountPercent":100}]}""",
        "tiers: percents of poverty must increase")]
    [InlineData("""{"region":"mars","validDays":240,"tiers":[{"upToPercentOfPoverty":200,"discountPercent":100}]}""", "region must be one of")]
    [InlineData("""{"region":"contiguous","validDays":240,"tiers":[]}""", "tiers: at least one tier")]
    [InlineData("""{"region":"contiguous","validDays":240,"tiers":[{"upToPercentOfPoverty":200,"discountPercent":140}]}""", "tiers: discountPercent must be 0 to 100")]
    [InlineData("""{"region":""", "p.json: ")]
    public void ABadPolicy_IsRefusedNamingTheField(string json, string error)
    {
        var e = Assert.Throws<FormatException>(() => AssistancePolicy.Parse(json, "p.json"));

        Assert.Contains(error, e.Message);
    }

    [Fact]
    public void APolicyForARegionTheTableLacks_IsRefused()
    {
        var guidelines = PovertyGuidelines.Parse(new StringReader(Header + Table()), "g.csv");
        var policy = AssistancePolicy.Parse("""{"region":"hawaii","validDays":240,"tiers":[{"upToPercentOfPoverty":200,"discountPercent":100}]}""", "p.json");

        Assert.Contains("no rows for the policy's region 'hawaii'", Assert.Throws<FormatException>(() => FinancialAssistance.Create(guidelines, policy)).Message);
    }
}

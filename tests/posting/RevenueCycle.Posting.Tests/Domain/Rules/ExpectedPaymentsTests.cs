using RevenueCycle.Posting.Domain.Rules;
using RevenueCycle.ReferenceData.Fees;
using RevenueCycle.Testing;

namespace RevenueCycle.Posting.Tests.Domain.Rules;

/// <summary>Medicare's payment policies on the CMS CY2025 RVU file: multiple procedures, bilateral, co-surgeons, assistants.</summary>
[RequiresSharedData]
public sealed class ExpectedPaymentsTests
{
    private static readonly Lazy<ExpectedPayments> Expected = new(() => new ExpectedPayments(
        PhysicianFeeSchedule.Load(SharedData.File("data", "mpfs", "pprrvu_2025_jan.csv"), SharedData.File("data", "mpfs", "gpci_2025.csv")),
        ContractFeeSchedule.Empty, UnderpaymentSettings.Default));

    private static readonly DateOnly Day = new(2026, 3, 2);

    private static PricedLine Line(string code, string place = "11", params string[] modifiers) => new(code, modifiers, 1, place, Day);

    [Fact]
    public void MultipleProcedures_OnOneDay_TheHighestPricedAtFullFee_TheOthersAtHalf()
    {
        // 20610 (63.40) and 64483 (236.13) both carry indicator 2; 99213 (indicator 0) is not reduced.
        var prices = Expected.Value.ExpectedAllowed("55555", [Line("20610"), Line("64483"), Line("99213")]);

        Assert.Equal([3_170L, 23_613L, 8_895L], prices.Select(p => p!.Value.Cents));
        Assert.EndsWith(", multiple procedure 50%", prices[0]!.Value.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void MultipleProcedures_OnDifferentDays_AreNotReduced()
    {
        var prices = Expected.Value.ExpectedAllowed("55555", [Line("20610"), Line("64483") with { ServiceDate = Day.AddDays(1) }]);

        Assert.Equal([6_340L, 23_613L], prices.Select(p => p!.Value.Cents));
    }

    [Theory]
    [InlineData("50", 188_645L, ", bilateral 150%")] // 27447 in a facility: 1,257.63, bilateral indicator 1
    [InlineData("62", 78_602L, ", co-surgeon 62.5%")]
    [InlineData("80", 20_122L, ", assistant at surgery 16%")]
    public void SurgicalModifiers_ApplyTheRvuFilesIndicators(string modifier, long cents, string policy)
    {
        var price = Expected.Value.ExpectedAllowed("55555", [Line("27447", "21", modifier)])[0]!.Value;

        Assert.Equal(cents, price.Cents);
        Assert.EndsWith(policy, price.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void AssistantWhereMedicareDoesNotPayOne_ExpectsNothing()
    {
        Assert.Null(Expected.Value.ExpectedAllowed("55555", [Line("20610", "11", "80")])[0]); // assistant indicator 1
    }
}

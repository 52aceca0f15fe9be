using RevenueCycle.ReferenceData.Fees;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Testing;

namespace RevenueCycle.ReferenceData.Tests.Fees;

/// <summary>The Medicare Physician Fee Schedule on the CMS CY2025 files, and contracted rates.</summary>
public sealed class FeeScheduleTests
{
    private static readonly Lazy<PhysicianFeeSchedule> Mpfs = new(() =>
        PhysicianFeeSchedule.Load(SharedData.File("data", "mpfs", "pprrvu_2025_jan.csv"), SharedData.File("data", "mpfs", "gpci_2025.csv")));

    [RequiresSharedData]
    [Fact]
    public void Load_CmsFiles_HasEveryRowAndLocality()
    {
        Assert.Equal(("pprrvu_2025_jan", 18_866, 109), (Mpfs.Value.Release, Mpfs.Value.Codes, Mpfs.Value.Localities.Count));
    }

    [RequiresSharedData]
    [Theory]
    [InlineData("99213", "", false, "", 8_895)] // (1.30 + 1.35 + 0.10) x 32.3465
    [InlineData("99213", "", true, "", 6_372)] // facility PE 0.57
    [InlineData("99213", "", false, "02102:01", 11_220)] // Alaska: 1.30 x 1.5 + 1.35 x 1.081 + 0.10 x 0.592
    [InlineData("71046", "TC", false, "", 2_264)] // the technical component's own row
    [InlineData("71046", "26", true, "", 1_003)] // the professional component in a facility
    public void AllowedCents_FollowsTheCmsFormula(string code, string modifier, bool facility, string locality, long cents)
    {
        var gpci = locality.Length == 0 ? Gpci.National : Mpfs.Value.Locality(locality)!;

        Assert.Equal(cents, Mpfs.Value.AllowedCents(code, modifier.Length == 0 ? [] : [modifier], facility, gpci));
    }

    [RequiresSharedData]
    [Theory]
    [InlineData("71046", true)] // the global service has no facility price (NA): only the -26 is billed there
    [InlineData("J1100", false)] // status E: excluded from the schedule
    [InlineData("XXXXX", false)]
    public void AllowedCents_NotPricedUnderTheSchedule_IsNull(string code, bool facility)
    {
        Assert.Null(Mpfs.Value.AllowedCents(code, [], facility, Gpci.National));
    }

    [Fact]
    public void Contracts_ModifierRowThenCodeThenPayerDefault()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "contracts.csv");
        File.WriteAllText(path, """
            payer_id,hcpcs,modifier,allowed,percent_of_medicare
            12345,99213,,95.00,
            12345,71046,26,12.50,
            12345,*,,,115
            # a comment row
            """);

        var contracts = ContractFeeSchedule.Load(path);

        Assert.Equal(9_500, contracts.RateFor("12345", "99213", ["25"])!.AllowedCents);
        Assert.Equal(1_250, contracts.RateFor("12345", "71046", ["26"])!.AllowedCents);
        Assert.Equal(115m, contracts.RateFor("12345", "71046", [])!.PercentOfMedicare);
        Assert.Null(contracts.RateFor("99999", "99213", []));
    }

    [Fact]
    public void Contracts_RowWithBothOrNeither_IsRefusedWithItsLine()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "contracts.csv");
        File.WriteAllText(path, "payer_id,hcpcs,modifier,allowed,percent_of_medicare\n12345,99213,,95.00,\n12345,99214,,130.00,120\n");

        var error = Assert.Throws<ReferenceDataException>(() => ContractFeeSchedule.Load(path));

        Assert.Equal(("contracts.csv", 3), (error.File, error.Line));
    }
}

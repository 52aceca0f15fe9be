using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Rules;

namespace RevenueCycle.Eligibility.Tests.Domain.Rules;

/// <summary>Inputs make fuzz found crashing the 271 mapper, minimised to a few hand-written segments.</summary>
public sealed class BenefitExtractionFuzzRegressionTests
{
    private static string Answer271(string eb) =>
        "ISA*00*          *00*          *ZZ*PAYER01        *ZZ*CLINIC01       *261201*0930*^*00501*000000001*0*T*:~" +
        "GS*HB*PAYER01*CLINIC01*20261201*0930*1*X*005010X279A1~ST*271*0001*005010X279A1~BHT*0022*11*T1*20261201*0930~" +
        "HL*1**20*1~NM1*PR*2*SAMPLE PAYER*****PI*PAYER01~HL*2*1*21*1~NM1*1P*2*SAMPLE CLINIC*****XX*1234567893~HL*3*2*22*0~TRN*2*T1*9877281234~" +
        $"NM1*IL*1*DOE*JANE****MI*MEMBER001~{eb}~SE*11*0001~GE*1*1~IEA*1*000000001~";

    [Theory]
    [InlineData("99999999.9", null)] // EB08 as R 1/10: basis points past an int threw OverflowException
    [InlineData("0.2", 2_000)]
    public void CoinsurancePercent_TooLargeForBasisPoints_IsNoPercent_NotAnOverflow(string percent, int? basisPoints)
    {
        var read = EligibilityExchangeFiles.Read(Answer271($"EB*A*IND*30**SAMPLE PPO*23**{percent}"));

        Assert.True(read.Problems.Count == 0, string.Join("\n", read.Problems));
        var amount = Assert.Single(Assert.Single(read.Answers).Result.Amounts, a => a.Kind == BenefitKind.Coinsurance);
        Assert.Equal(basisPoints, amount.BasisPoints);
    }
}

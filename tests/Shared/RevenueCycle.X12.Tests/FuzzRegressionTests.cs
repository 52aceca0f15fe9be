using RevenueCycle.X12.Claims;
using RevenueCycle.X12.Remittances;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Tests;

/// <summary>
/// Inputs make fuzz found crashing the readers, minimised to a few hand-written segments: each now reads to a model
/// (the reader's located errors say what is wrong) instead of throwing.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static string Interchange(string functionalId, string version, string body) =>
        $"ISA*00*{"",-10}*00*{"",-10}*ZZ*{"SENDER01",-15}*ZZ*{"RECEIVER01",-15}*261201*0930*^*00501*000000001*0*T*:~" +
        $"GS*{functionalId}*SENDER01*RECEIVER01*20261201*0930*1*X*{version}~{body}GE*1*1~IEA*1*000000001~";

    private const string Professional837Head =
        "ST*837*0001*005010X222A1~BHT*0019*00*0123*20261201*0930*CH~NM1*41*2*SAMPLE CLINIC*****46*CLINIC01~PER*IC*BILLING*TE*6145550100~" +
        "NM1*40*2*SAMPLE PAYER*****46*PAYER01~HL*1**20*1~NM1*85*2*SAMPLE CLINIC*****XX*1234567893~N3*1 MAIN ST~N4*COLUMBUS*OH*432150000~REF*EI*123456789~";

    [Fact]
    public void Claim837_SubscriberLoopWithoutSbr_ReadsWithEmptySubscriberFields()
    {
        // make fuzz 837: a 2000B loop whose SBR was dropped made Claim837Reader.Read throw NullReferenceException.
        var text = Interchange("HC", "005010X222A1", Professional837Head +
            "HL*2*1*22*0~NM1*IL*1*DOE*JANE****MI*MEMBER001~NM1*PR*2*SAMPLE PAYER*****PI*PAYER01~CLM*C1*100***11:B:1*Y*A*Y*Y~HI*ABK:E119~" +
            "LX*1~SV1*HC:99213*100*UN*1***1~DTP*472*D8*20261201~SE*20*0001~");
        var document = X12Reader.Parse(text);

        var claim = Assert.Single(Claim837Reader.Read(Assert.Single(document.Transactions)));

        Assert.Contains(document.Errors, e => e.SegmentId == "SBR"); // the reader reports the missing segment, located
        Assert.Equal("C1", claim.PatientControlNumber);
        Assert.Equal("", claim.Subscriber!.GroupNumber);
    }

    [Theory]
    [InlineData("99999999999", 0u)] // 11 digits: an R15 element, more units than a uint (threw OverflowException)
    [InlineData("4294967295", uint.MaxValue)]
    [InlineData("2.5", 2u)]
    public void Claim837_ServiceUnits_OutOfTheModelsRange_ReadAsZero(string units, uint expected)
    {
        var text = Interchange("HC", "005010X222A1", Professional837Head +
            "HL*2*1*22*0~SBR*P*18*GRP01******CI~NM1*IL*1*DOE*JANE****MI*MEMBER001~NM1*PR*2*SAMPLE PAYER*****PI*PAYER01~CLM*C1*100***11:B:1*Y*A*Y*Y~" +
            $"HI*ABK:E119~LX*1~SV1*HC:99213*100*UN*{units}***1~DTP*472*D8*20261201~SE*21*0001~");

        var claim = Assert.Single(Claim837Reader.Read(Assert.Single(X12Reader.Parse(text).Transactions)));

        Assert.Equal(expected, Assert.Single(claim.Lines).Units);
    }

    [Fact]
    public void Remittance835_HugeUnitsAndQuantities_ReadWithoutOverflow()
    {
        // make fuzz 835: an SVC05 or CAS quantity past uint made the readers and posting's mapping throw OverflowException.
        var text = Interchange("HP", "005010X221A1",
            "ST*835*0001~BPR*I*100*C*ACH*CCP*01*011000015*DA*123456*1234567890**01*011000015*DA*654321*20261201~TRN*1*EFT0001*1234567890~" +
            "N1*PR*SAMPLE PAYER~N3*1 PAYER WAY~N4*COLUMBUS*OH*43215~REF*2U*PAYER01~N1*PE*SAMPLE CLINIC*XX*1234567893~LX*1~" +
            "CLP*C1*1*100*100**12*ICN0001~CAS*CO*45*0*99999999999~NM1*QC*1*DOE*JANE****MI*MEMBER001~SVC*HC:99213*100*100**99999999999~DTP*472*D8*20261201~SE*17*0001~");

        var remittance = Remittance835Reader.Read(Assert.Single(X12Reader.Parse(text).Transactions));

        var claim = Assert.Single(remittance.Claims);
        Assert.Equal(99_999_999_999m, Assert.Single(claim.Adjustments).Quantity);
        Assert.Equal(1u, Assert.Single(claim.Lines).Units); // not a count the model keeps: the default, as for any unreadable SVC05
    }

    [Theory]
    [InlineData("99999999999999999999999999", null)] // decimal parses it; cents overflowed a long
    [InlineData("92233720368547758.07", long.MaxValue)]
    [InlineData("-12.5", -1250L)]
    public void Cents_OutOfRange_IsNotANumber(string value, long? expected) => Assert.Equal(expected, X12Values.Cents(value));

    [Fact]
    public void Delimiters_Fitting_AvoidsCharactersTheValuesHold()
    {
        var inbound = new Delimiters('*', '^', '>', '~');

        Assert.Equal(Delimiters.Default, Delimiters.Fitting(["SENDER01", "RECEIVER01"], inbound));
        Assert.Equal(inbound, Delimiters.Fitting(["CLINIC:01"], inbound));
        Assert.Equal(new Delimiters('|', '^', '>', '~'), Delimiters.Fitting(["CLINIC:01"], new Delimiters('A', '^', '>', '~')));
        Assert.Equal(Delimiters.Default, Delimiters.Fitting(["^|{!"], new Delimiters('*', '\0', ':', '~'))); // nothing fits
        Assert.Equal("ZZ?|{!?", Delimiters.Default.Writable("ZZ^|{!:"));
    }
}

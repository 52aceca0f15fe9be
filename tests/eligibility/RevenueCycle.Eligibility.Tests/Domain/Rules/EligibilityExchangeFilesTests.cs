using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Rules;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Sandbox.Domain;
using RevenueCycle.Testing;
using RevenueCycle.X12;
using RevenueCycle.X12.Inquiries;

namespace RevenueCycle.Eligibility.Tests.Domain.Rules;

/// <summary>The 270 a question becomes and the benefit snapshot a 271 gives: the shared samples, the sandbox's answers, other versions.</summary>
public sealed class EligibilityExchangeFilesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static string Sample(string folder, string file) => File.ReadAllText(SharedData.File("x12-samples", folder, file));

    [RequiresSharedData]
    [Fact]
    public void Read_DependentBenefitCheck_GivesTheDependentsBenefits()
    {
        var read = EligibilityExchangeFiles.Read(Sample("271", "dependent-health-benefit-check.271"));

        Assert.Empty(read.Problems);
        var answer = Assert.Single(read.Answers);
        Assert.Equal(("93175-012547", "SMITH", "MARY", "19"), (answer.Answer!.TraceNumber, answer.Answer.Dependent!.Last, answer.Answer.Dependent.First, answer.Answer.Relationship));
        var result = answer.Result;
        Assert.Equal(EligibilityOutcome.Active, result.Outcome);
        Assert.Equal("GOLD 123 PLAN", result.PlanName);
        Assert.Equal(new DateOnly(2006, 1, 1), result.CoverageFrom);
        Assert.Null(result.CoverageTo);
        Assert.Equal(["1", "30", "33", "35", "47", "86", "88", "98", "AL", "MH", "UC"], result.ActiveServiceTypes);
        Assert.Empty(result.InactiveServiceTypes);
        Assert.Equal(1_000, result.Find(BenefitKind.Copay, "98", Network.InNetwork, AmountPeriod.PerVisit)?.Cents);
        Assert.Equal(3_000, result.Find(BenefitKind.Copay, "98", Network.OutOfNetwork, AmountPeriod.PerVisit)?.Cents);
        Assert.Null(result.Find(BenefitKind.Deductible, "98", Network.InNetwork, AmountPeriod.Total));
        Assert.Equal(2, result.Amounts.Count);
        Assert.All(result.Amounts, a => Assert.Equal(("27", 10), (a.TimePeriodCode, a.ServiceTypes.Count)));
        Assert.Empty(result.Rejections);
        Assert.Empty(result.OtherCoverage); // EB*L names the primary care provider, not another payer
    }

    [RequiresSharedData]
    [Fact]
    public void Read_ReceiverNotEligibleForInquiries_IsARejectionAtTheReceiver()
    {
        var read = EligibilityExchangeFiles.Read(Sample("271", "x279-error-response-not-eligible-for-inquiries.edi"));

        Assert.Empty(read.Problems);
        var result = Assert.Single(read.Answers).Result;
        Assert.Equal(EligibilityOutcome.Rejected, result.Outcome);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(("information receiver", "50", "provider ineligible for inquiries", "N", "resubmission not allowed"),
            (rejection.Level, rejection.ReasonCode, rejection.Reason, rejection.FollowUpCode, rejection.FollowUp));
    }

    [RequiresSharedData]
    [Theory]
    [InlineData("dependent-health-benefit-check.270", "93175-012547", true)]
    [InlineData("subscriber-drug-in-office.270", "930000000000", false)]
    public void SandboxAnswer_ToASharedInquiry_EchoesTheTraceAndReadsBack(string file, string trace, bool dependent)
    {
        var answer = SandboxEligibility.Answer(Sample("270", file), At);

        var (result, problem) = EligibilityExchangeFiles.ReadFor(answer!, trace);
        var read = EligibilityExchangeFiles.Read(answer!).Answers.Single();

        Assert.Equal("", problem);
        Assert.Equal(EligibilityOutcome.Active, result!.Outcome);
        Assert.Equal(dependent, read.Answer!.Dependent is not null);
        Assert.Equal(["30"], result.ActiveServiceTypes);
        Assert.True(X12Reader.Parse(answer!).IsValid);
    }

    [Fact]
    public void Read_4010Answer_IsUnsupportedVersionNotAnException()
    {
        const string v4010 = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260301*0900*U*00401*000000001*0*T*:~" +
            "GS*HB*PAYER*PROVIDER*20260301*0900*1*X*004010X092A1~ST*271*0001~BHT*0022*11*T1*20260301*0900~HL*1**20*1~NM1*PR*2*ABC COMPANY*****PI*842610001~" +
            "HL*2*1*21*1~NM1*1P*2*CLINIC*****SV*2000035~HL*3*2*22*0~TRN*2*T1*9877281234~NM1*IL*1*SMITH*JOHN****MI*123456789~EB*1**30**GOLD PLAN~SE*11*0001~GE*1*1~IEA*1*000000001~";

        var read = EligibilityExchangeFiles.Read(v4010);
        var (result, problem) = EligibilityExchangeFiles.ReadFor(v4010, "T1");

        Assert.Empty(read.Answers);
        Assert.Contains("271 004010X092A1 is not supported: RevenueCycle reads 271 005010X279A1.", read.Problems);
        Assert.Null(result);
        Assert.Contains("not supported", problem);
    }

    [Theory]
    [InlineData("ISA*00*", "ISA")]
    [InlineData("not an x12 file at all", "")]
    public void Read_Garbage_IsALocatedProblem(string text, string expected)
    {
        var read = EligibilityExchangeFiles.Read(text);

        Assert.Empty(read.Answers);
        Assert.NotEmpty(read.Problems);
        Assert.Contains(expected, read.Problems[0]);
    }

    [Fact]
    public void Inquiry_ForADependent_IsAValid270WithOneEqPerServiceType()
    {
        var question = new EligibilityQuestion("12345", "W100D", "DOE", "JANE", new DateOnly(1970, 5, 1), "F",
            new DependentPerson("DOE", "JIMMY", new DateOnly(2015, 4, 2), "M"), new DateOnly(2026, 3, 2), ["98", "47"]);

        var text = EligibilityExchangeFiles.Inquiry(question, EligibilityOptions.Default.Payers[0], "TRACE1", 7, EligibilityOptions.Default, At);
        var document = X12Reader.Parse(text);
        var request = EligibilityInquiry270Builder.Read(document.Transactions.Single()).Requests.Single();

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        Assert.Equal("005010X279A1", document.Transactions.Single().Version);
        Assert.Equal(("TRACE1", "W100D", "JIMMY", new DateOnly(2015, 4, 2)), (request.TraceNumber, request.Subscriber.MemberId, request.Dependent!.First, request.Dependent.BirthDate));
        Assert.Null(request.Subscriber.BirthDate); // the subscriber's demographics are not sent when the patient is the dependent
        Assert.Equal(["98", "47"], request.ServiceTypes);
        Assert.Equal(new DateOnly(2026, 3, 2), request.ServiceDate);
        Assert.Contains("000000007", text);
    }
}

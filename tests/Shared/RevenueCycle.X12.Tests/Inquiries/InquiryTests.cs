using RevenueCycle.Testing;
using RevenueCycle.X12.Inquiries;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.X12.Tests.Inquiries;

public sealed class InquiryTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 3, 6, 0, 0, TimeSpan.Zero);

    private static X12Transaction Sample(string folder, string file)
    {
        using var stream = File.OpenRead(SharedData.File("x12-samples", folder, file));
        var document = X12Reader.Parse(stream);
        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        return document.Transactions.Single();
    }

    private static X12Transaction Written(string functionalId, string version, string type, List<Segment> body)
    {
        var document = X12Reader.Parse(X12Writer.Write(new InterchangeBuilder(X12Writer.Isa("ZZ", "PROVIDER", "ZZ", "PAYER", At, 5, false, Delimiters.Default), Delimiters.Default)
            .Group(functionalId, "PROVIDER", "PAYER", At, 5, version, type, [("0001", body)]).Build()));
        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        return document.Transactions.Single();
    }

    [RequiresSharedData]
    [Fact]
    public void Read270_DependentInquiry_PutsTheQuestionOnTheDependent()
    {
        var inquiry = EligibilityInquiry270Builder.Read(Sample("270", "dependent-health-benefit-check.270"));

        Assert.Equal(new X12Party("PR", "2", "ABC COMPANY", "", "PI", "842610001"), inquiry.Source);
        Assert.Equal(new X12Party("1P", "1", "JONES", "MARCUS", "SV", "2000034"), inquiry.Receiver);
        var request = Assert.Single(inquiry.Requests);
        Assert.Equal(("93175-012547", "9877281234", "11122333301"), (request.TraceNumber, request.TraceOriginator, request.Subscriber.MemberId));
        Assert.Equal(new X12Person("SMITH", "MARY", "", new DateOnly(1978, 10, 14), ""), request.Dependent);
        Assert.Equal((new DateOnly(2006, 5, 1), "30"), (request.ServiceDate, request.ServiceTypes.Single()));
    }

    [RequiresSharedData]
    [Fact]
    public void Read270_SubscriberInquiry_TakesTheDateAndServiceTypeFromTheSubscriber()
    {
        var request = EligibilityInquiry270Builder.Read(Sample("270", "subscriber-drug-in-office.270")).Requests.Single();

        Assert.Null(request.Dependent);
        Assert.Equal(new X12Person("DOE", "JOHN", "00000000001", new DateOnly(1970, 1, 1), ""), request.Subscriber);
        Assert.Equal(("930000000000", new DateOnly(2013, 10, 31)), (request.TraceNumber, request.ServiceDate));
        Assert.Equal(["30"], request.ServiceTypes);
    }

    [RequiresSharedData]
    [Fact]
    public void Read271_BenefitsWithRepeatedServiceTypes_AreTyped()
    {
        var response = EligibilityResponse271Builder.Read(Sample("271", "dependent-health-benefit-check.271"));

        var answer = Assert.Single(response.Answers);
        Assert.True(answer.Active);
        Assert.Equal(("SMITH", "JOHN", "123456789"), (answer.Subscriber.Last, answer.Subscriber.First, answer.Subscriber.MemberId));
        Assert.Equal(new X12Person("SMITH", "MARY", "", new DateOnly(1998, 10, 14), "F"), answer.Dependent);
        Assert.Equal(["1", "L", "1", "B", "B"], answer.Benefits.Select(b => b.InfoCode));
        var copays = answer.Benefits.Where(b => b.InfoCode == "B").ToList();
        Assert.Equal([(1_000L, "Y"), (3_000L, "N")], copays.Select(b => (b.AmountCents ?? 0, b.InNetwork)));
        Assert.Equal(10, copays[0].ServiceTypes.Count);
        Assert.Equal(("HM", "GOLD 123 PLAN", "27"), (copays[0].InsuranceType, copays[0].PlanDescription, copays[0].TimePeriod));
    }

    [RequiresSharedData]
    [Fact]
    public void Read271_ReceiverNotEligibleForInquiries_IsARejectionWithNoAnswers()
    {
        var response = EligibilityResponse271Builder.Read(Sample("271", "x279-error-response-not-eligible-for-inquiries.edi"));

        Assert.Empty(response.Answers);
        Assert.Empty(response.SourceRejections);
        Assert.Equal(new RequestRejection(true, "50", "N"), response.ReceiverRejections.Single());
    }

    [RequiresSharedData]
    [Fact]
    public void Read276_ClaimsUnderTwoProviders_AndADependent()
    {
        var request = ClaimStatusRequest276Builder.Read(Sample("276", "claim-level-status.276"));

        Assert.Equal(("ABC INSURANCE", "12345", "X67E"), (request.Payer.Name, request.Payer.Id, request.Receiver.Id));
        Assert.Equal(3, request.Queries.Count);
        var first = request.Queries[0];
        Assert.Equal(("HOME HOSPITAL", "1666666661"), (first.Provider.Name, first.Provider.Id));
        Assert.Equal(new X12Person("SMITH", "FRED", "123456789A", new DateOnly(1930, 12, 10), "M"), first.Subscriber);
        Assert.Equal(("ABCXYZ1", "SM123456", 851_388L), (first.TraceNumber, first.PatientAccountNumber, first.ChargeCents));
        Assert.Equal((new DateOnly(2005, 8, 31), new DateOnly(2005, 9, 6)), (first.ServiceFrom, first.ServiceTo));
        var dependent = request.Queries[2];
        Assert.Equal(("HOME HOSPITAL PHYSICANS", "MANN", "JOSEPH"), (dependent.Provider.Name, dependent.Subscriber.Last, dependent.Patient?.First));
        Assert.Equal((null, new DateOnly(2005, 5, 1), new DateOnly(2005, 5, 1)), (dependent.ChargeCents, dependent.ServiceFrom, dependent.ServiceTo));
    }

    [RequiresSharedData]
    [Theory]
    [InlineData("dependent-health-benefit-check.270")]
    [InlineData("subscriber-drug-in-office.270")]
    public void Write270_FromASharedSample_ReadsBackTheSameInquiry(string file)
    {
        var inquiry = EligibilityInquiry270Builder.Read(Sample("270", file));

        var written = Written("HS", EligibilityInquiry270Builder.Version, "270", EligibilityInquiry270Builder.Body(inquiry, "REF-1", At));

        Assert.Equivalent(inquiry, EligibilityInquiry270Builder.Read(written), strict: true);
    }

    [RequiresSharedData]
    [Theory]
    [InlineData("dependent-health-benefit-check.271")]
    [InlineData("x279-error-response-not-eligible-for-inquiries.edi")]
    public void Write271_FromASharedSample_ReadsBackTheSameResponse(string file)
    {
        var response = EligibilityResponse271Builder.Read(Sample("271", file));

        var written = Written("HB", EligibilityResponse271Builder.Version, "271", EligibilityResponse271Builder.Body(response, "REF-1", At));

        Assert.Equivalent(response, EligibilityResponse271Builder.Read(written), strict: true);
    }

    [Fact]
    public void Write271_PercentAndMessages_RoundTrip()
    {
        var response = new EligibilityResponse271(new X12Party("PR", "2", "SAMPLE HEALTH PLAN", "", "PI", "12345"), new X12Party("1P", "2", "SAMPLE CLINIC", "", "XX", "1234567893"), [], [],
        [
            new EligibilityAnswer("T-1", "9012345678", new X12Person("DOE", "JANE", "MEMBER001", new DateOnly(1980, 2, 29), "F"), null, [],
            [
                new Benefit("A", "IND", ["30"], "HM", "", "27", null, 0.2m, "Y", ["COINSURANCE AFTER DEDUCTIBLE"]),
                new Benefit("C", "IND", ["30"], "HM", "", "23", 50_000, null, "Y", []),
            ]),
            new EligibilityAnswer("T-2", "9012345678", new X12Person("ROE", "RICH", "BADMEMBER", null, ""), null, [new RequestRejection(false, "72", "C")], []),
        ]);

        var read = EligibilityResponse271Builder.Read(Written("HB", EligibilityResponse271Builder.Version, "271", EligibilityResponse271Builder.Body(response, "REF-1", At)));

        Assert.Equivalent(response, read, strict: true);
        Assert.Equal([false, false], read.Answers.Select(a => a.Active));
    }

    [RequiresSharedData]
    [Fact]
    public void Write276_FromTheSharedSample_ReadsBackTheSameRequest()
    {
        var request = ClaimStatusRequest276Builder.Read(Sample("276", "claim-level-status.276"));

        var written = Written("HR", ClaimStatusRequest276Builder.Version, "276", ClaimStatusRequest276Builder.Body(request, "REF-1", At));

        Assert.Equivalent(request, ClaimStatusRequest276Builder.Read(written), strict: true);
    }
}

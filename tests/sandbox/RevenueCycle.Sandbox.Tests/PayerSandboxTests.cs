using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Sandbox.Domain;
using RevenueCycle.Testing;
using RevenueCycle.X12;
using RevenueCycle.X12.Acknowledgments;
using RevenueCycle.X12.Claims;
using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Sandbox.Tests;

public sealed class PayerSandboxTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 3, 6, 0, 0, TimeSpan.Zero);
    private static readonly Submitter837 Submitter = new("SAMPLE FAMILY PRACTICE", "SUBMITTER01", "BILLING", "6145550100", "SANDBOX", "SANDBOX");

    private static Claim Claim(string id, string memberId) => Samples.Claim(id) with
    {
        PatientControlNumber = id,
        Subscriber = Samples.Claim().Subscriber! with { MemberId = memberId },
        Lines = Samples.Claim(id).Lines.Select((l, i) => l with { LineItemControlNumber = $"{id}-{i + 1}" }).ToArray(),
    };

    private static IReadOnlyList<SandboxFile> Send(params Claim[] claims) =>
        PayerSandbox.Respond(Claim837Batch.Write(claims, Submitter, new InterchangeHeader("ZZ", "SUBMITTER01", "ZZ", "SANDBOX", 77, false), At), At.AddMinutes(5));

    private static X12.Model.X12Transaction Transaction(SandboxFile file)
    {
        var document = X12Reader.Parse(file.Content);
        Assert.True(document.IsValid, $"{file.Name}: {string.Join("\n", document.Errors)}");
        return document.Transactions.Single();
    }

    private static ClaimPayment835 Paid(IReadOnlyList<SandboxFile> files, string id) =>
        Remittance835Reader.Read(Transaction(files.Single(f => f.Name.StartsWith("835", StringComparison.Ordinal)))).Claims.Single(c => c.PatientControlNumber == id);

    [Fact]
    public void CleanClaim_IsAcknowledgedAcceptedAndPaidAt80Percent()
    {
        var files = Send(Claim("C1", "MEMBER001"));

        Assert.Equal(["999", "277CA", "835"], files.Select(f => f.Name.Split('-')[0]));
        Assert.Equal("A", Acknowledgment999Builder.Read(Transaction(files[0])).GroupStatus);
        var status = ClaimAcknowledgment277Builder.Read(Transaction(files[1])).Claims.Single();
        Assert.Equal(("C1", "A1", true), (status.PatientControlNumber, status.CategoryCode, status.Accepted));
        var paid = Paid(files, "C1");
        Assert.Equal((14_500L, 11_600L, 0L, "1"), (paid.ChargeCents, paid.PaidCents, paid.PatientResponsibilityCents, paid.StatusCode));
        Assert.Equal(status.PayerClaimControlNumber, paid.PayerClaimControlNumber);
        Assert.Equal(new PayerAdjustment("CO", "45", 2_500), paid.Lines[0].Adjustments.Single());
        Assert.Equal("C1-1", paid.Lines[0].LineItemControlNumber);
    }

    [Fact]
    public void SenderIdHoldingADefaultDelimiter_IsAnsweredWithDelimitersItDoesNotHold()
    {
        // make fuzz 837: a sender id (ISA06, GS02) with ':' in an interchange whose component separator is '>' made every
        // answer throw X12WriteException (the sandbox writes with * ^ : ~): a 500 from the API, a file retried forever.
        var inbound = Claim837Batch.Write([Claim("C1", "MEMBER001")], Submitter, new InterchangeHeader("ZZ", "SUBMITTER01", "ZZ", "SANDBOX", 77, false), At)
            .Replace(':', '>').Replace("SUBMITTER01", "SUBMITTR:01", StringComparison.Ordinal);

        var files = PayerSandbox.Respond(inbound, At.AddMinutes(5));

        Assert.Equal(["999", "277CA", "835"], files.Select(f => f.Name.Split('-')[0]));
        Assert.All(files, f => Assert.Equal("SUBMITTR:01", X12Reader.Parse(f.Content).Interchanges.Single().ReceiverId));
        Assert.Equal("A", Acknowledgment999Builder.Read(Transaction(files[0])).GroupStatus);
        Assert.Equal(11_600L, Paid(files, "C1").PaidCents);
    }

    [Fact]
    public void SegmentIdHoldingACharacterOfEveryDelimiterSet_IsStillAnswered()
    {
        // make fuzz 837 (300 s run): a 999 echoes a bad segment's id (IK301); one holding a character of every delimiter
        // set the sandbox can write with (here ^ | { !), in a file whose own set is unusable (ISA11 U: no repetition
        // separator), still threw X12WriteException.
        var inbound = Claim837Batch.Write([Claim("C1", "MEMBER001")], Submitter, new InterchangeHeader("ZZ", "SUBMITTER01", "ZZ", "SANDBOX", 77, false), At)
            .Replace("*^*00501*", "*U*00501*", StringComparison.Ordinal);
        var bht = inbound.IndexOf("BHT*", StringComparison.Ordinal);
        inbound = inbound.Insert(inbound.IndexOf('~', bht) + 1, "ZZ^|{!*1~");

        var files = PayerSandbox.Respond(inbound, At.AddMinutes(5));

        var ack = files[0];
        Assert.StartsWith("999", ack.Name);
        Assert.Contains("IK3*ZZ|*", ack.Content); // no id: IK301 holds its first 3 printable characters that are no delimiter
        Assert.All(files, f => Assert.Equal("SUBMITTER01", X12Reader.Parse(f.Content).Interchanges.Single().ReceiverId));
    }

    [Fact]
    public void Void_IsAnsweredWithAReversalOfWhatWasPaid_NeverWithAPayment()
    {
        var original = Paid(Send(Claim("C9", "MEMBER00D")), "C9");
        var voided = Claim("C9", "MEMBER00D") with { Frequency = ClaimFrequency.Void, PayerClaimControlNumber = original.PayerClaimControlNumber };

        var files = Send(voided);

        var remittance = Remittance835Reader.Read(Transaction(files.Single(f => f.Name.StartsWith("835", StringComparison.Ordinal))));
        var reversal = remittance.Claims.Single();
        Assert.Equal(("22", original.PayerClaimControlNumber), (reversal.StatusCode, reversal.PayerClaimControlNumber));
        Assert.Equal((-original.ChargeCents, -original.PaidCents, -original.PatientResponsibilityCents), (reversal.ChargeCents, reversal.PaidCents, reversal.PatientResponsibilityCents));
        Assert.Equal(original.Lines.Select(l => -l.PaidCents), reversal.Lines.Select(l => l.PaidCents));
        Assert.Equal(original.Lines.SelectMany(l => l.Adjustments).Select(a => a with { AmountCents = -a.AmountCents }), reversal.Lines.SelectMany(l => l.Adjustments));
        // Nothing is paid: the negative balance is carried forward (PLB FB), so BPR02 = CLP04s - PLB = 0.
        Assert.Equal(0, remittance.TotalPaidCents);
        var forward = Assert.Single(remittance.ProviderAdjustments);
        Assert.Equal(("FB", -original.PaidCents), (forward.ReasonCode, forward.AmountCents));
    }

    [Fact]
    public void DeductibleAndCoinsurance_LeaveTheExactPatientShare()
    {
        var paid = Paid(Send(Claim("C2", "MEMBER00D")), "C2");

        // Line 1: charge 125.00, allowed 100.00, deductible 50.00, coinsurance 10.00 -> paid 40.00.
        // Line 2: charge 20.00, allowed 16.00, coinsurance 3.20 -> paid 12.80.
        Assert.Equal([4_000L, 1_280L], paid.Lines.Select(l => l.PaidCents));
        Assert.Equal((5_280L, 6_320L), (paid.PaidCents, paid.PatientResponsibilityCents));
        Assert.Contains(new PayerAdjustment("PR", "1", 5_000), paid.Lines[0].Adjustments);
        Assert.Contains(new PayerAdjustment("PR", "2", 1_000), paid.Lines[0].Adjustments);
    }

    [Fact]
    public void Denial_DeniesTheLastLineAsBundled()
    {
        var paid = Paid(Send(Claim("C3", "MEMBER00X")), "C3");

        var denied = paid.Lines[^1];
        Assert.Equal((0L, "97", "M15"), (denied.PaidCents, denied.Adjustments.Single().ReasonCode, denied.RemarkCodes.Single()));
        Assert.Equal(10_000L, paid.PaidCents);
    }

    [Theory]
    [InlineData("59")]
    [InlineData("XU")]
    public void Denial_PaysTheLastLine_WhenTheCoderMarksItDistinct(string modifier)
    {
        var claim = Claim("C3M", "MEMBER00X");
        claim = claim with { Lines = [.. claim.Lines.SkipLast(1), claim.Lines[^1] with { Modifiers = [modifier] }] };

        var paid = Paid(Send(claim), "C3M");

        Assert.Equal(("1", 11_600L), (paid.StatusCode, paid.PaidCents));
        Assert.DoesNotContain(paid.Lines, l => l.Adjustments.Any(a => a.ReasonCode == "97"));
        Assert.Empty(paid.RemarkCodes);
    }

    [Fact]
    public void Rejection_ComesBackOnThe277CA_WithNoRemittance()
    {
        var files = Send(Claim("C4", "MEMBER00R"), Claim("C5", "MEMBER001"));

        var statuses = ClaimAcknowledgment277Builder.Read(Transaction(files.Single(f => f.Name.StartsWith("277CA", StringComparison.Ordinal)))).Claims;
        Assert.Equal(("A7", "164", "IL", false), (statuses[0].CategoryCode, statuses[0].StatusCode, statuses[0].EntityCode, statuses[0].Accepted));
        Assert.Equal(["C5"], Remittance835Reader.Read(Transaction(files.Single(f => f.Name.StartsWith("835", StringComparison.Ordinal)))).Claims.Select(c => c.PatientControlNumber));
    }

    [Fact]
    public void Recoupment_TakesThePriorOverpaymentFromTheCheck()
    {
        var files = Send(Claim("C6", "MEMBER00P"));

        var remittance = Remittance835Reader.Read(Transaction(files.Single(f => f.Name.StartsWith("835", StringComparison.Ordinal))));
        var recoup = remittance.ProviderAdjustments.Single();
        Assert.Equal(("WO", 1_160L), (recoup.ReasonCode, recoup.AmountCents));
        Assert.Equal(11_600L - 1_160L, remittance.TotalPaidCents);
        Assert.Equal(remittance.TotalPaidCents, remittance.BalancedTotalCents);
    }

    [Fact]
    public void Pended_GetsA277AndNoRemittance()
    {
        var files = Send(Claim("C7", "MEMBER00N"));

        Assert.Equal(["999", "277CA", "277"], files.Select(f => f.Name.Split('-')[0]));
        var status = ClaimStatusResponse277Builder.Read(Transaction(files[2])).Claims.Single();
        Assert.Equal(("C7", "P1", false), (status.PatientControlNumber, status.CategoryCode, status.Finalized));
    }

    [RequiresSharedData]
    [Fact]
    public void BrokenFile_GetsARejecting999AndNothingElse()
    {
        var files = PayerSandbox.Respond(File.ReadAllText(SharedData.File("x12-samples", "invalid", "837p-segment-errors.txt")), At);

        var file = Assert.Single(files);
        Assert.Equal("R", Acknowledgment999Builder.Read(Transaction(file)).GroupStatus);
    }

    [Fact]
    public void SameFile_SameAnswers()
    {
        Assert.Equal(Send(Claim("C8", "MEMBER001"), Claim("C9", "MEMBER00D")), Send(Claim("C8", "MEMBER001"), Claim("C9", "MEMBER00D")));
    }
    [Theory]
    [InlineData("MEMBER00I", "", "27", "")] // the 271 said terminated: an eligibility denial
    [InlineData("MEMBER00C", "", "22", "MA04")] // the 271 named another payer primary: coordination of benefits
    [InlineData("MEMBER00A", "", "197", "N54")] // the 271 said authorization required and the claim carries none
    [InlineData("MEMBER00A", "AUTH-123", "45", "")] // ... and with REF*G1 it pays
    [InlineData("MEMBER00L", "", "29", "")] // filed late: a billing denial (timely filing)
    public void FrontEndScenarios_DenyEveryLineTheWayThe271Warned(string memberId, string authorization, string carc, string remark)
    {
        var claim = Claim("F1", memberId) with { PriorAuthorizationNumber = authorization };

        var paid = Paid(Send(claim), "F1");

        Assert.All(paid.Lines, l => Assert.Equal(carc, l.Adjustments.Single().ReasonCode));
        Assert.All(paid.Lines, l => Assert.Equal(remark.Length > 0 ? [remark] : [], l.RemarkCodes));
        Assert.Equal(carc == "45" ? 11_600 : 0, paid.PaidCents);
    }

    [Theory]
    [InlineData("MEMBER001", true)]
    [InlineData("MEMBER00T", false)] // a payer that never answers
    public void Inquiry270_IsAnsweredWithA271OrNothing(string memberId, bool answered)
    {
        var inquiry = X12.Writing.X12Writer.Write(new X12.Writing.InterchangeBuilder(X12.Writing.X12Writer.Isa("ZZ", "RCMDEMO", "ZZ", "RCMSANDBOX", At, 31, false, X12.Syntax.Delimiters.Default), X12.Syntax.Delimiters.Default)
            .Group("HS", "RCMDEMO", "RCMSANDBOX", At, 31, X12.Inquiries.EligibilityInquiry270Builder.Version, "270",
                [("0001", X12.Inquiries.EligibilityInquiry270Builder.Body(new X12.Inquiries.EligibilityInquiry270(
                    new X12.Inquiries.X12Party("PR", "2", "SAMPLE HEALTH PLAN", "", "PI", "12345"), new X12.Inquiries.X12Party("1P", "2", "SAMPLE FAMILY PRACTICE", "", "XX", Samples.ValidNpi),
                    [new X12.Inquiries.EligibilityRequest("TRACE-31", "9RCMDEMO00", new X12.Inquiries.X12Person("DOE", "JANE", memberId, new DateOnly(1970, 5, 1), "F"), null, new DateOnly(2026, 3, 3), ["30"])]),
                    "TRACE-31", At))])
            .Build());

        var files = PayerSandbox.Respond(inquiry, At);

        Assert.Equal(answered ? ["271-000000031-1"] : [], files.Select(f => f.Name));
        if (answered)
        {
            var answer = X12.Inquiries.EligibilityResponse271Builder.Read(Transaction(files[0])).Answers.Single();
            Assert.Equal(("TRACE-31", true), (answer.TraceNumber, answer.Active));
        }
    }
}

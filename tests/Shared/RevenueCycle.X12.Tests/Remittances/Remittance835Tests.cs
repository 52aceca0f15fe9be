using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Testing;
using RevenueCycle.X12.Remittances;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.X12.Tests.Remittances;

public sealed class Remittance835Tests
{
    private static readonly DateTimeOffset At = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private static Remittance835 Sample() => new(
        "12345", "SAMPLE HEALTH PLAN", "SAMPLE FAMILY PRACTICE", "1234567893", "EFT-0001", new DateOnly(2026, 4, 1), 9_100, "ACH",
        [
            new ClaimPayment835("C1", "1", 14_500, 10_000, 2_500, "12", "ICN-1", new PersonName("DOE", "JANE", "", ""), "MEMBER001",
                [], [],
                [
                    new LinePayment835("C1-1", "99213", ["25"], 12_500, 8_000, 1, new DateOnly(2026, 3, 2), [new PayerAdjustment("CO", "45", 2_000), new PayerAdjustment("PR", "2", 2_500)], [], 10_500),
                    new LinePayment835("C1-2", "82947", [], 2_000, 2_000, 1, new DateOnly(2026, 3, 2), [], [], 2_000),
                ]),
            new ClaimPayment835("C2", "4", 5_000, 0, 0, "12", "ICN-2", new PersonName("ROE", "RICHARD", "", ""), "MEMBER002",
                [new PayerAdjustment("CO", "97", 5_000)], ["M15"],
                [new LinePayment835("C2-1", "97110", [], 5_000, 0, 2, new DateOnly(2026, 3, 3), [new PayerAdjustment("CO", "97", 5_000)], ["N19"], null)]),
        ],
        [new ProviderAdjustment835("1234567893", new DateOnly(2026, 12, 31), "WO", "ICN-OLD", 900)]);

    private static X12.Model.X12Document Write(Remittance835 remittance)
    {
        var interchange = new InterchangeBuilder(X12Writer.Isa("ZZ", "PAYER", "ZZ", "PROVIDER", At, 5, false, Delimiters.Default), Delimiters.Default)
            .Group("HP", "PAYER", "PROVIDER", At, 5, Remittance835Writer.Version, "835", [("0001", Remittance835Writer.Body(remittance))])
            .Build();
        return X12Reader.Parse(X12Writer.Write(interchange));
    }

    [Fact]
    public void Written835_PassesTheGuide_AndReadsBack()
    {
        var remittance = Sample();

        var document = Write(remittance);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var read = Remittance835Reader.Read(document.Transactions.Single());
        Assert.Equivalent(remittance, read, strict: true);
        Assert.Equal(remittance.TotalPaidCents, read.BalancedTotalCents);
    }

    [Fact]
    public void InstitutionalLines_ByRevenueCodeAlone_NameItInSvc01_AndBesideAProcedureInSvc04()
    {
        var remittance = Sample() with
        {
            TotalPaidCents = 4_000 + 9_000 - 900,
            Claims =
            [
                new ClaimPayment835("I1", "1", 13_000, 13_000, 0, "MA", "ICN-I1", new PersonName("DOE", "JANE", "", ""), "MEMBER001", [], [],
                [
                    new LinePayment835("I1-1", "", [], 4_000, 4_000, 1, new DateOnly(2026, 3, 2), [], [], null, "0250"),
                    new LinePayment835("I1-2", "85025", [], 9_000, 9_000, 1, new DateOnly(2026, 3, 2), [], [], null, "0300"),
                ]),
            ],
        };

        var document = Write(remittance);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var svc = document.Transactions.Single().Root.Flatten().Where(s => s.Id == "SVC").ToList();
        Assert.Equal(["NU", "0250"], svc[0].Components(1));
        Assert.Equal("", svc[0][4]);
        Assert.Equal(["HC", "85025"], svc[1].Components(1));
        Assert.Equal("0300", svc[1][4]);
        Assert.Equivalent(remittance, Remittance835Reader.Read(document.Transactions.Single()), strict: true);
    }

    [Fact]
    public void Written835_LeavesSt03Out_AsTheGuideMarksItNotUsed()
    {
        var st = Write(Sample()).Transactions.Single().St;

        Assert.Equal(2, st.Count);
        Assert.Equal(("835", "0001"), (st[1], st[2]));
    }

    [RequiresSharedData]
    [Fact]
    public void SharedSample_ReadsItsClaimsAndLines()
    {
        using var stream = File.OpenRead(SharedData.File("x12-samples", "835", "x221-multiple-claims-single-check.edi"));
        var transaction = X12Reader.Parse(stream).Transactions.Single();

        var remittance = Remittance835Reader.Read(transaction);

        Assert.Equal(("12345", 81_080L, new DateOnly(2014, 3, 31)), (remittance.TraceNumber, remittance.TotalPaidCents, remittance.PaymentDate));
        var first = remittance.Claims[0];
        Assert.Equal(("7722337", "1", 22_600L, 13_200L, "119932404007801"), (first.PatientControlNumber, first.StatusCode, first.ChargeCents, first.PaidCents, first.PayerClaimControlNumber));
        Assert.Equal("D0120", first.Lines[0].ProcedureCode);
        Assert.Equal(new PayerAdjustment("CO", "131", 2_100), first.Lines[0].Adjustments.Single());
    }

    [Fact]
    public void InstitutionalClaim_MiaRemarkCodes_AreRead()
    {
        var text = X12Writer.Write(Write(Sample()).Interchanges[0]).Replace("NM1*QC*1*DOE*JANE****MI*MEMBER001~", "NM1*QC*1*DOE*JANE****MI*MEMBER001~\nMIA*0***0*MA01***************MA18~", StringComparison.Ordinal)
            .Replace("SE*", "SE*", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var se = Array.FindIndex(lines, l => l.StartsWith("SE*", StringComparison.Ordinal));
        var count = int.Parse(lines[se].Split('*')[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
        lines[se] = $"SE*{count}*0001~";
        var document = X12Reader.Parse(string.Join('\n', lines));

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        Assert.Equal(["MA01", "MA18"], Remittance835Reader.Read(document.Transactions.Single()).Claims[0].RemarkCodes);
    }
}

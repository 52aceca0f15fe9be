using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Collections.Api.Statements;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;

namespace RevenueCycle.Collections.Tests.Api.Statements;

public sealed class StatementPdfTests
{
    private static Statement Letter(string notice) => new("st-acct-1-20260720", "acct-1", "run", new DateOnly(2026, 7, 20), new DateOnly(2026, 8, 19),
        [new StatementLine(new DateOnly(2026, 3, 2), "C1", 14_500, 7_000, 5_500, 0, 2_000)], 0, notice);

    private static string Text(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().Select(p => p.Text));
    }

    [Fact]
    public void ThePreCollectionLetter_SaysWhenAnAgencyMayFollow_AndIsAddressedForAWindowEnvelope()
    {
        var text = Text(StatementPdf.Render(Letter(DunningSteps.PreCollection), "DEMO CLINIC", new Guarantor("JANE DOE", new Address("1 ELM ST", "APT 2", "AUSTIN", "TX", "78701", ""))));

        Assert.Contains("NOTICE OF COLLECTION ACTION", text);
        Assert.Contains("by 08/19/2026, the account may be referred to a collection agency", text);
        Assert.Contains("JANE DOE", text);
        Assert.Contains("AUSTIN TX 78701", text);
        Assert.Contains("Financial assistance is available", text);
        Assert.Contains("Amount due $20.00", text);
    }

    [Theory]
    [InlineData(DunningSteps.Statement1, "PATIENT STATEMENT")]
    [InlineData(DunningSteps.Statement2, "SECOND STATEMENT")]
    [InlineData(DunningSteps.FinalNotice, "FINAL NOTICE: please pay by 08/19/2026")]
    public void EachLetter_HasItsHeading(string notice, string heading)
    {
        var text = Text(StatementPdf.Render(Letter(notice), "DEMO CLINIC"));

        Assert.Contains(heading, text);
        Assert.DoesNotContain("collection agency", text);
    }
}

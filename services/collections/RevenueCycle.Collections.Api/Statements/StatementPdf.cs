using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RevenueCycle.Collections.Api.Statements;

/// <summary>
/// A statement as a one-page-per-40-lines US Letter PDF: the practice, account, dates and amount due on top, one row per
/// date of service (charges, insurance paid, adjustments, patient paid, due), the total and the remittance stub.
/// </summary>
public static class StatementPdf
{
    private const int RowsPerPage = 40;
    private static readonly string[] Headings = ["Date of service", "Claim", "Charges", "Insurance paid", "Adjustments", "You paid", "You owe"];
    private static readonly double[] Columns = [40, 130, 250, 320, 405, 480, 545];

    /// <summary>The letter's heading and its words beyond the statement, by dunning step.</summary>
    private static (string Title, string Notice) Letter(Statement s) => s.Notice switch
    {
        DunningSteps.Statement2 => ("SECOND STATEMENT", "This balance is past due. Please pay it or call us to arrange a payment plan."),
        DunningSteps.FinalNotice => ("FINAL NOTICE", $"FINAL NOTICE: please pay by {Day(s.DueOn)} or call us to arrange a payment plan."),
        DunningSteps.PreCollection => ("NOTICE OF COLLECTION ACTION",
            $"Unless this balance is paid, a payment plan is arranged or you apply for financial assistance by {Day(s.DueOn)}, the account may be referred to a collection agency."),
        _ => ("PATIENT STATEMENT", ""),
    };

    public static byte[] Render(Statement statement, string practiceName, Guarantor? guarantor = null)
    {
        var (title, notice) = Letter(statement);
        var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var pages = statement.Lines.Chunk(RowsPerPage).ToList();
        for (var p = 0; p < pages.Count; p++)
        {
            var page = builder.AddPage(PageSize.Letter);
            var y = 750.0;
            page.AddText(practiceName, 14, new PdfPoint(40, y), bold);
            page.AddText(title, 12, new PdfPoint(360, y), bold);
            if (p == 0 && guarantor is not null)
            {
                // Where a window envelope shows the address.
                var a = guarantor.Address;
                string[] address = [guarantor.Name, a.Line1, a.Line2, $"{a.City} {a.State} {a.PostalCode}"];
                foreach (var line in address.Where(l => l.Trim().Length > 0))
                {
                    y -= 12;
                    page.AddText(line, 10, new PdfPoint(40, y), regular);
                }

                y -= 8;
            }

            y -= 24;
            page.AddText($"Account {statement.AccountId}", 10, new PdfPoint(40, y), regular);
            page.AddText($"Statement {statement.StatementId}", 10, new PdfPoint(300, y), regular);
            y -= 14;
            page.AddText($"Statement date {Day(statement.IssuedOn)}", 10, new PdfPoint(40, y), regular);
            page.AddText($"Please pay by {Day(statement.DueOn)}", 10, new PdfPoint(300, y), regular);
            y -= 14;
            page.AddText($"Amount due {Money.Format(statement.AmountDueCents)}", 12, new PdfPoint(40, y), bold);
            page.AddText($"Page {p + 1} of {pages.Count}", 9, new PdfPoint(500, y), regular);
            y -= 28;
            for (var c = 0; c < Headings.Length; c++)
            {
                Cell(page, Headings[c], c, y, bold);
            }

            foreach (var line in pages[p])
            {
                y -= 14;
                string[] cells = [line.ServiceDate is { } d ? Day(d) : "", line.ClaimId, Money.Format(line.ChargeCents), Money.Format(line.InsurancePaidCents),
                    Money.Format(line.AdjustmentCents), Money.Format(line.PatientPaidCents), Money.Format(line.DueCents)];
                for (var c = 0; c < cells.Length; c++)
                {
                    Cell(page, cells[c], c, y, regular);
                }
            }

            if (p == pages.Count - 1)
            {
                y -= 24;
                if (statement.UnappliedCents != 0)
                {
                    page.AddText($"Payments not yet applied to a visit: {Money.Format(statement.UnappliedCents)}", 10, new PdfPoint(40, y), regular);
                    y -= 14;
                }

                page.AddText($"Total amount due: {Money.Format(statement.AmountDueCents)}", 11, new PdfPoint(40, y), bold);
                y -= 14;
                page.AddText("Amounts your insurance is still processing are not on this statement.", 9, new PdfPoint(40, y), regular);
                if (notice.Length > 0)
                {
                    y -= 18;
                    page.AddText(notice, 9, new PdfPoint(40, y), bold);
                }

                y -= 14;
                page.AddText("Financial assistance is available to those who qualify: ask us for the plain-language summary and an application.", 9, new PdfPoint(40, y), regular);
                page.AddText("- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -", 8, new PdfPoint(40, 110), regular);
                page.AddText($"Return this part with your payment.  Account {statement.AccountId}   Statement {statement.StatementId}", 9, new PdfPoint(40, 92), regular);
                page.AddText($"Amount due {Money.Format(statement.AmountDueCents)} by {Day(statement.DueOn)}      Amount enclosed ____________", 10, new PdfPoint(40, 76), bold);
            }
        }

        return builder.Build();
    }

    private static void Cell(PdfPageBuilder page, string text, int column, double y, PdfDocumentBuilder.AddedFont font) =>
        page.AddText(text, 9, new PdfPoint(Columns[column], y), font);

    private static string Day(DateOnly day) => day.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;

namespace RevenueCycle.Collections.Domain.Exports;

/// <summary>
/// A statement run as the file a mail house prints and mails from: one row a statement with the guarantor's mailing
/// address, the letter, the amounts and the PDF's file name. A statement whose account has no mailing address is left
/// out and listed, so nobody mails a letter to nowhere. No diagnosis, procedure, member id or patient name: the
/// guarantor's name and address are all it needs.
/// </summary>
public static class MailHouseFile
{
    public const string Header = "statement_id,account_id,letter,issued_on,due_on,amount_due_cents,amount_due,guarantor_name,address_line1,address_line2,city,state,postal_code,pdf_file";

    public static (string Csv, IReadOnlyList<string> Unmailable) Render(IEnumerable<(Statement Statement, Guarantor? Guarantor)> rows)
    {
        var csv = new StringBuilder(Header).Append('\n');
        var unmailable = new List<string>();
        foreach (var (s, g) in rows)
        {
            if (g is null)
            {
                unmailable.Add(s.StatementId);
                continue;
            }

            // The address fields were refused at entry if they held a comma or a quote, so no field needs quoting.
            csv.AppendJoin(',', s.StatementId, s.AccountId, s.Notice, s.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                s.AmountDueCents.ToString(CultureInfo.InvariantCulture), (s.AmountDueCents / 100m).ToString("0.00", CultureInfo.InvariantCulture),
                g.Name, g.Address.Line1, g.Address.Line2, g.Address.City, g.Address.State, g.Address.PostalCode, $"{s.StatementId}.pdf").Append('\n');
        }

        return (csv.ToString(), unmailable);
    }
}

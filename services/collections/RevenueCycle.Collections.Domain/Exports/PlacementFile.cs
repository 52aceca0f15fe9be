using System.Globalization;
using System.Text;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Domain.Exports;

/// <summary>
/// The accounts placed with an agency on a day, as the agency loads them: one row an account with the placed balance,
/// the claims and dates of service, when it was first billed and last paid, and the guarantor to contact. An agency
/// works a debt, not a diagnosis: nothing clinical is in it.
/// </summary>
public static class PlacementFile
{
    public const string Header =
        "account_id,agency_id,placed_on,placed_cents,placed_amount,claim_ids,first_service_date,last_service_date,first_statement_on,last_patient_payment_on,guarantor_name,address_line1,address_line2,city,state,postal_code";

    /// <summary>The accounts still placed from <paramref name="day"/> (one recalled since, or placed again later, is not that day's).</summary>
    public static string Render(IEnumerable<Account> accounts, DateOnly day)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var a in accounts.Where(a => a.Placement is { Status: PlacementStatus.Placed } p && p.PlacedOn == day))
        {
            var p = a.Placement!;
            var claims = a.Claims.Where(c => p.ClaimIds.Contains(c.ClaimId)).ToList();
            var lastPayment = a.Ledger.LastOrDefault(e => e.Kind == LedgerKinds.PatientPayment && e.Reason != "agency")?.At;
            var name = a.Guarantor?.Name ?? "";
            var g = a.Guarantor?.Address ?? Address.Empty;
            csv.AppendJoin(',', a.AccountId, p.AgencyId, Day(p.PlacedOn), Cents(p.PlacedCents), (p.PlacedCents / 100m).ToString("0.00", CultureInfo.InvariantCulture),
                string.Join(';', p.ClaimIds), Day(claims.Min(c => c.ServiceDate)), Day(claims.Max(c => c.ServiceDate)), Day(claims.Min(c => c.FirstStatementOn)),
                Day(lastPayment is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null),
                name, g.Line1, g.Line2, g.City, g.State, g.PostalCode).Append('\n');
        }

        return csv.ToString();
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Cents(long cents) => cents.ToString(CultureInfo.InvariantCulture);
}

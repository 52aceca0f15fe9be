using System.Text.RegularExpressions;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.ReferenceData.Remittance;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// How long each payer gives to appeal a denial, counted from the remittance date (Medicare's redetermination
/// window, 120 days from the initial determination, is the default; commercial contracts vary and are configured),
/// and the CARC and RARC lists that adjustment and remark codes are checked against when loaded.
/// </summary>
public sealed partial record PostingSettings(int DefaultAppealDays, IReadOnlyDictionary<string, int> AppealDaysByPayer, AdjustmentCodeList? Carcs = null, AdjustmentCodeList? Rarcs = null)
{
    /// <summary>Findings kept per remittance; past this many the codes are wrong throughout and the first say how.</summary>
    public const int MaxFindings = 100;


    /// <summary>Why a claim payment's codes are not ones the lists know on the payment date; empty when all are.</summary>
    public IEnumerable<string> CodeFindings(ClaimPayment claim, DateOnly on)
    {
        foreach (var carc in claim.AllAdjustments.Select(a => a.ReasonCode).Distinct(StringComparer.Ordinal))
        {
            if (Carcs is { } list ? !list.IsActive(carc, on) : !CarcShape().IsMatch(carc))
            {
                yield return Carcs?.Contains(carc) == true
                    ? $"CARC {carc} is not in force on {on:yyyy-MM-dd} ({Carcs.Name})"
                    : $"CARC {carc} is not a claim adjustment reason code{(Carcs is null ? "" : $" ({Carcs.Name})")}";
            }
        }

        foreach (var rarc in claim.RemarkCodes.Concat(claim.Lines.SelectMany(l => l.RemarkCodes)).Distinct(StringComparer.Ordinal))
        {
            if (Rarcs is { } list ? !list.Contains(rarc) : !RarcShape().IsMatch(rarc))
            {
                yield return $"RARC {rarc} is not a remittance advice remark code{(Rarcs is null ? "" : $" ({Rarcs.Name})")}";
            }
        }
    }

    public static readonly PostingSettings Default = new(120, new Dictionary<string, int>());

    public DateOnly AppealDeadline(string payerId, DateOnly remittanceDate) =>
        remittanceDate.AddDays(AppealDaysByPayer.TryGetValue(payerId, out var days) ? days : DefaultAppealDays);

    /// <summary>Without the lists only the shape is checked: 1-3 digits, or a letter and up to two digits (A1, B15, P21, W1, Y3).</summary>
    [GeneratedRegex("^([0-9]{1,3}|[A-Z][0-9]{1,2})$")]
    private static partial Regex CarcShape();

    [GeneratedRegex("^(M|MA|N)[0-9]{1,3}$")]
    private static partial Regex RarcShape();
}

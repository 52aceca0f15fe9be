using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Domain.Statements;

/// <summary>
/// Accounts receivable by age, in the five buckets billing offices report (0-30, 31-60, 61-90, 91-120, over 120 days):
/// patient-due balances aged from the claim's first patient statement, insurance balances (everything not yet the
/// patient's) from the claim's submission. Patient balances never statemented are reported apart.
/// </summary>
public sealed record AgingReport(DateOnly AsOf, IReadOnlyList<long> PatientCents, IReadOnlyList<long> InsuranceCents, long PatientNotYetStatementedCents, int Accounts)
{
    public static readonly string[] Buckets = ["0-30", "31-60", "61-90", "91-120", "over 120"];

    public AgingReport Plus(AgingReport other) => this with
    {
        PatientCents = PatientCents.Zip(other.PatientCents, (a, b) => a + b).ToArray(),
        InsuranceCents = InsuranceCents.Zip(other.InsuranceCents, (a, b) => a + b).ToArray(),
        PatientNotYetStatementedCents = PatientNotYetStatementedCents + other.PatientNotYetStatementedCents,
        Accounts = Accounts + other.Accounts,
    };

    public static int Bucket(int days) => days switch { <= 30 => 0, <= 60 => 1, <= 90 => 2, <= 120 => 3, _ => 4 };

    public static AgingReport Of(IEnumerable<Account> accounts, DateOnly asOf)
    {
        var patient = new long[5];
        var insurance = new long[5];
        var notStatemented = 0L;
        var count = 0;
        foreach (var account in accounts)
        {
            count++;
            foreach (var claim in account.Claims)
            {
                if (claim.PatientBalanceCents > 0)
                {
                    if (claim.FirstStatementOn is { } first)
                    {
                        patient[Bucket(asOf.DayNumber - first.DayNumber)] += claim.PatientBalanceCents;
                    }
                    else
                    {
                        notStatemented += claim.PatientBalanceCents;
                    }
                }

                if (claim.InsurancePendingCents != 0)
                {
                    var from = claim.SubmittedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : asOf;
                    insurance[Bucket(asOf.DayNumber - from.DayNumber)] += claim.InsurancePendingCents;
                }
            }
        }

        return new AgingReport(asOf, patient, insurance, notStatemented, count);
    }
}

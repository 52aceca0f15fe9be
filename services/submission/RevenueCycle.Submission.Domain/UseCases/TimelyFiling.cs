namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>
/// Timely-filing limits by payer id, in days from the first date of service. Medicare allows one calendar year;
/// commercial contracts are often 90 or 180 days, so operators configure their payers.
/// </summary>
public sealed record TimelyFiling(int DefaultDays, IReadOnlyDictionary<string, int> DaysByPayer)
{
    public static readonly TimelyFiling Medicare = new(365, new Dictionary<string, int>());

    public DateTimeOffset? DeadlineFor(string payerId, DateOnly? firstDateOfService) =>
        firstDateOfService is { } dos
            ? new DateTimeOffset(dos.AddDays(DaysByPayer.GetValueOrDefault(payerId, DefaultDays)).ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero)
            : null;
}

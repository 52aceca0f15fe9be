namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// How long each payer gives to appeal a denial, counted from the remittance date. Medicare's redetermination
/// window (120 days from the initial determination) is the default; commercial contracts vary and are configured.
/// </summary>
public sealed record PostingSettings(int DefaultAppealDays, IReadOnlyDictionary<string, int> AppealDaysByPayer)
{
    public static readonly PostingSettings Default = new(120, new Dictionary<string, int>());

    public DateOnly AppealDeadline(string payerId, DateOnly remittanceDate) =>
        remittanceDate.AddDays(AppealDaysByPayer.TryGetValue(payerId, out var days) ? days : DefaultAppealDays);
}

using RevenueCycle.ReferenceData.Fees;

namespace RevenueCycle.Posting.Domain.Rules;

/// <summary>When a line counts as underpaid: the shortfall exceeds both a fixed amount and a share of the expected amount.</summary>
public sealed record UnderpaymentSettings(long ThresholdCents, decimal ThresholdPercent, string Locality)
{
    public static readonly UnderpaymentSettings Default = new(100, 2m, "");
}

/// <summary>
/// What a payer should have allowed for a line: the payer's contracted rate (a fixed amount, or a percent of the
/// Medicare fee), else the Medicare Physician Fee Schedule itself as the baseline, in the configured locality
/// (national GPCIs when none is set), facility or non-facility by place of service, times units.
/// </summary>
public sealed class ExpectedPayments(PhysicianFeeSchedule? medicare, ContractFeeSchedule contracts, UnderpaymentSettings settings)
{
    /// <summary>Places of service where Medicare pays the facility rate (CMS's facility setting list).</summary>
    private static readonly HashSet<string> FacilityPlaces = ["02", "19", "21", "22", "23", "24", "26", "31", "34", "41", "42", "51", "52", "53", "56", "61"];

    private readonly Gpci _gpci = medicare?.Locality(settings.Locality) ?? Gpci.National;

    public UnderpaymentSettings Settings => settings;

    public bool HasAnySchedule => medicare is not null || contracts.Rates > 0;

    public (long Cents, string Basis)? ExpectedAllowed(string payerId, string hcpcs, IReadOnlyList<string> modifiers, uint units, string placeOfService)
    {
        var facility = FacilityPlaces.Contains(placeOfService.Trim());
        var rate = contracts.RateFor(payerId, hcpcs, modifiers);
        var medicareFee = medicare?.AllowedCents(hcpcs, modifiers, facility, _gpci);
        var setting = facility ? "facility" : "non-facility";
        (long PerUnit, string Basis)? expected = rate switch
        {
            { AllowedCents: { } cents } => (cents, $"contract {payerId} {rate.Hcpcs}{(rate.Modifier.Length > 0 ? "-" + rate.Modifier : "")}"),
            { PercentOfMedicare: { } percent } when medicareFee is { } fee =>
                ((long)Math.Round(fee * percent / 100m, MidpointRounding.AwayFromZero), $"contract {payerId}: {percent}% of Medicare PFS {medicare!.Release}, {_gpci.Name}, {setting}"),
            _ when medicareFee is { } fee => (fee, $"Medicare PFS {medicare!.Release}, {_gpci.Name}, {setting}"),
            _ => null,
        };
        return expected is { } e ? (e.PerUnit * Math.Max(1, units), e.Basis) : null;
    }

    public bool IsUnderpaid(long expectedCents, long allowedCents) =>
        expectedCents - allowedCents > Math.Max(settings.ThresholdCents, (long)Math.Round(expectedCents * settings.ThresholdPercent / 100m, MidpointRounding.AwayFromZero));
}

namespace RevenueCycle.BuildingBlocks.Claims;

/// <summary>Money is <c>long</c> cents everywhere. Amounts are bounded so that sums over a claim or remittance cannot overflow.</summary>
public static class Money
{
    /// <summary>Largest amount accepted in any one field: $10,000,000,000.00.</summary>
    public const long MaxCents = 1_000_000_000_000;

    public static bool InRange(long cents) => cents is >= -MaxCents and <= MaxCents;

    /// <summary>Cents as dollars for people: 123456 is "$1,234.56", -500 is "-$5.00".</summary>
    public static string Format(long cents) => (cents / 100m).ToString("$#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    public const string RangeMessage = "must be between -1000000000000 and 1000000000000 cents";

    /// <summary>An amount of money that moves (a payment, refund, write-off): more than zero, at most <see cref="MaxCents"/>.</summary>
    public static bool IsPositive(long cents) => cents is > 0 and <= MaxCents;

    public const string PositiveMessage = "must be greater than zero and at most 1000000000000";
}

using RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Tests;

/// <summary>Balanced sample remittances: one paid line with contractual and patient adjustments, one denied line.</summary>
public static class Remittances
{
    public static Adjustment Co(string carc, long cents) => new("CO", carc, cents, 0);

    public static Adjustment Pr(string carc, long cents) => new("PR", carc, cents, 0);

    public static LinePayment Line(string licn, string code, long charge, long paid, params Adjustment[] adjustments) =>
        new(licn, code, [], charge, paid, 1, new DateOnly(2026, 3, 2), adjustments, [], 0);

    /// <summary>Claim C1: 99213 charged 125.00, allowed 90.00, paid 70.00, 20.00 coinsurance; 82947 charged 20.00 denied CO-97.</summary>
    public static Remittance WithCodingDenial(string trace = "TRN-1", string denialCarc = "97") => new(
        "", "12345", trace, new DateOnly(2026, 4, 1), 7_000,
        [
            new ClaimPayment("C1", "1", 14_500, 7_000, 2_000, "ICN-1", [],
            [
                Line("C1-1", "99213", 12_500, 7_000, Co("45", 3_500), Pr("2", 2_000)),
                Line("C1-2", "82947", 2_000, 0, Co(denialCarc, 2_000)),
            ], [], "", "acct-1"),
        ], default);
}

namespace RevenueCycle.Eligibility.Domain.UseCases;

/// <summary>A payer this platform may ask: its id (NM109 of 2100A) and name.</summary>
public sealed record KnownPayer(string PayerId, string Name);

/// <summary>
/// Who asks and of whom: the interchange sender and receiver ids (ISA06/ISA08), the information receiver of the 270
/// (the provider: name and NPI), the payers this platform knows, how long the payer may take, and how long an answer
/// serves the same question again.
/// </summary>
public sealed record EligibilityOptions(
    string SenderId,
    string ReceiverId,
    string ProviderName,
    string ProviderNpi,
    IReadOnlyList<KnownPayer> Payers,
    TimeSpan PayerTimeout,
    TimeSpan SnapshotLifetime)
{
    /// <summary>The demo practice asking the payer sandbox, which plays payer 12345 (the demo claims' payer).</summary>
    public static readonly EligibilityOptions Default = new(
        "RCMDEMO", "RCMSANDBOX", "SAMPLE FAMILY PRACTICE", "1234567893", [new KnownPayer("12345", "SAMPLE HEALTH PLAN")], TimeSpan.FromSeconds(15), TimeSpan.FromHours(24));

    public KnownPayer? Payer(string payerId) => Payers.FirstOrDefault(p => string.Equals(p.PayerId, payerId.Trim(), StringComparison.OrdinalIgnoreCase));
}

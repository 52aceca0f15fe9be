using RevenueCycle.Posting.Domain.Rules;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// The tables posting checks and prices against (appeal windows and CARC/RARC lists; contracts and the Medicare fee
/// schedule), swapped whole when an operator drops in a new release. A chunk reads them once, so it never mixes two.
/// </summary>
public sealed class PostingTables(PostingSettings settings, ExpectedPayments? expected)
{
    private volatile Snapshot _snapshot = new(settings, expected);

    public PostingSettings Settings => _snapshot.Settings;

    public ExpectedPayments? Expected => _snapshot.Expected;

    /// <summary>Both at once, as one consistent pair.</summary>
    public (PostingSettings Settings, ExpectedPayments? Expected) Current => (_snapshot.Settings, _snapshot.Expected);

    public void Swap(PostingSettings settings, ExpectedPayments? expected) => _snapshot = new Snapshot(settings, expected);

    private sealed record Snapshot(PostingSettings Settings, ExpectedPayments? Expected);
}

namespace RevenueCycle.X12.Model;

/// <summary>
/// Streams the instances of some loops instead of keeping them in the transaction: each one (a claim, 837 loop 2300;
/// a claim payment, 835 loop 2100) is handed to <see cref="OnLoop"/> as it closes, with its enclosing loops as they
/// stand (headers, billing provider, subscriber), then dropped, and so is each enclosing loop once it closes. Reading
/// a file of any size then takes memory for one such loop at a time.
/// </summary>
public sealed class X12Streaming(IReadOnlySet<string> loops, Action<X12Loop, IReadOnlyList<X12Loop>> onLoop)
{
    public IReadOnlySet<string> Loops { get; } = loops;

    /// <summary>The loop, and its ancestors from the transaction's own level down.</summary>
    public Action<X12Loop, IReadOnlyList<X12Loop>> OnLoop { get; } = onLoop;
}

namespace RevenueCycle.Testing;

/// <summary>
/// A clock that runs at real speed from a fixed start: timers, delays and timeouts behave as on the system clock, but
/// "now" is <paramref name="start"/> plus the time elapsed. A platform test on it sees the sample claims' dates of
/// service as recent whatever day the test runs (timely filing, snapshot windows), without freezing its workers.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    /// <summary>The day after <see cref="Samples.DateOfService"/>, in the morning, as the unit tests' fake clocks are.</summary>
    public static ShiftedClock AfterTheSampleVisit() => new(new DateTimeOffset(Samples.DateOfService.AddDays(1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}

namespace RevenueCycle.ServiceDefaults.Resilience;

/// <summary>
/// Configuration section <c>Resilience</c>: how a service treats the other RevenueCycle services it calls. One
/// policy for every dependency, each with its own circuit (a failing posting service does not pause calls to
/// eligibility).
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>How long one attempt may take before it is abandoned (and retried when the call is idempotent).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, for idempotent calls (and for any call that never reached the service).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones double, each with jitter so callers do not retry in step.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls seen within the sampling window before the ratio counts: a single failure never opens it.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit refuses calls at once before it lets one through to test the service.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

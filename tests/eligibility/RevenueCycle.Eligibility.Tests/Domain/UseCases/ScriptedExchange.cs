using RevenueCycle.Eligibility.Domain.Ports;
using RevenueCycle.Sandbox.Domain;

namespace RevenueCycle.Eligibility.Tests.Domain.UseCases;

/// <summary>The clearinghouse for use-case tests: the payer sandbox's answer unless a test scripts another (a timeout, a failure, a broken 271).</summary>
public sealed class ScriptedExchange(TimeProvider clock) : IEligibilityExchange
{
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;

    public int Calls => _calls;

    /// <summary>The most questions that were with the payer at once.</summary>
    public int MaxInFlight => _maxInFlight;

    public List<string> Sent { get; } = [];

    /// <summary>Replaces the sandbox: given the 270 and trace, the 271 text (null: no answer), or throws.</summary>
    public Func<string, string, string?>? Script { get; set; }

    /// <summary>How long the payer takes (real time).</summary>
    public TimeSpan Latency { get; set; }

    public async Task<string?> AskAsync(string interchange270, string traceNumber, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        lock (Sent)
        {
            Sent.Add(interchange270);
        }

        try
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, cancellationToken);
            }

            return Script is { } script ? script(interchange270, traceNumber) : SandboxEligibility.Answer(interchange270, clock.GetUtcNow());
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}

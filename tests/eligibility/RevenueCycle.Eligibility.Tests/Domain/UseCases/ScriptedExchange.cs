using RevenueCycle.Eligibility.Domain.Ports;
using RevenueCycle.Sandbox.Domain;

namespace RevenueCycle.Eligibility.Tests.Domain.UseCases;

/// <summary>The clearinghouse for use-case tests: the payer sandbox's answer unless a test scripts another (a timeout, a failure, a broken 271).</summary>
public sealed class ScriptedExchange(TimeProvider clock) : IEligibilityExchange
{
    public int Calls { get; private set; }

    public List<string> Sent { get; } = [];

    /// <summary>Replaces the sandbox: given the 270 and trace, the 271 text (null: no answer), or throws.</summary>
    public Func<string, string, string?>? Script { get; set; }

    public Task<string?> AskAsync(string interchange270, string traceNumber, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Calls++;
        Sent.Add(interchange270);
        return Task.FromResult(Script is { } script ? script(interchange270, traceNumber) : SandboxEligibility.Answer(interchange270, clock.GetUtcNow()));
    }
}

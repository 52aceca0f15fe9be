using RevenueCycle.Eligibility.Domain.Ports;
using RevenueCycle.Sandbox.Domain;

namespace RevenueCycle.Eligibility.Api.Clearinghouse;

/// <summary>
/// The payer sandbox in process (<c>make run</c>, tests): a 270 is answered at once with the sandbox's 271. A member
/// whose scenario is a payer that never answers waits out the timeout, as a real one would.
/// </summary>
public sealed class SandboxEligibilityExchange(TimeProvider clock) : IEligibilityExchange
{
    public async Task<string?> AskAsync(string interchange270, string traceNumber, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answer = SandboxEligibility.Answer(interchange270, clock.GetUtcNow());
        if (answer is null)
        {
            await Task.Delay(timeout, cancellationToken);
        }

        return answer;
    }
}

namespace RevenueCycle.Eligibility.Domain.Ports;

/// <summary>
/// The real-time eligibility connection: a 270 interchange goes to the clearinghouse (or payer), its 271 comes back.
/// Adapters: the in-process payer sandbox, a directory drop (270 written to an outbox, the 271 awaited in an inbox),
/// and an HTTP endpoint (a clearinghouse's real-time API). A transport failure throws; no answer in time is null.
/// </summary>
public interface IEligibilityExchange
{
    /// <summary>The 271 interchange answering <paramref name="interchange270"/>, or null when none came within <paramref name="timeout"/>.</summary>
    Task<string?> AskAsync(string interchange270, string traceNumber, TimeSpan timeout, CancellationToken cancellationToken);
}

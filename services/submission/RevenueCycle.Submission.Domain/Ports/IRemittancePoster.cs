using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Submission.Domain.Ports;

/// <summary>Hands an 835 that arrived through the clearinghouse to posting.</summary>
public interface IRemittancePoster
{
    /// <summary>
    /// Posts it; one posting already has counts as posted. Returns why posting refused it (each error located), or
    /// nothing when it is posted. Posting being unreachable throws: the file is read again on the next round.
    /// </summary>
    Task<IReadOnlyList<string>> PostAsync(Remittance835 remittance, CancellationToken cancellationToken);
}

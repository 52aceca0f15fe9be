using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Submission.Domain.Ports;

/// <summary>Hands an 835 that arrived through the clearinghouse to posting (which refuses one it already posted).</summary>
public interface IRemittancePoster
{
    Task PostAsync(Remittance835 remittance, CancellationToken cancellationToken);
}

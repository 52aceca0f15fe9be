using RevenueCycle.Eligibility.Domain.Model;

namespace RevenueCycle.Eligibility.Domain.Ports;

/// <summary>One service's expected allowed amount and its basis; null cents when nothing prices it.</summary>
public sealed record ServicePrice(long? AllowedCents, string Basis);

/// <summary>
/// What a payer is expected to allow (posting keeps the contracts and the Medicare Physician Fee Schedule it prices
/// remittances against): one price per service, in order.
/// </summary>
public interface IFeeSchedule
{
    Task<IReadOnlyList<ServicePrice>> PriceAsync(string payerId, IReadOnlyList<EstimateService> services, DateOnly dateOfService, CancellationToken cancellationToken);
}

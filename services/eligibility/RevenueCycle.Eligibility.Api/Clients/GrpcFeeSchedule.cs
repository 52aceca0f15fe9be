using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Ports;

namespace RevenueCycle.Eligibility.Api.Clients;

/// <summary>Asks posting, which keeps the contracts and the Medicare fee schedule, for expected allowed amounts; with a deadline.</summary>
public sealed class GrpcFeeSchedule(PostingService.PostingServiceClient client) : IFeeSchedule
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<ServicePrice>> PriceAsync(string payerId, IReadOnlyList<EstimateService> services, DateOnly dateOfService, CancellationToken cancellationToken)
    {
        var request = new PriceServicesRequest { PayerId = payerId };
        request.Services.AddRange(services.Select(s => new ServiceToPrice
        {
            ProcedureCode = s.ProcedureCode.Trim().ToUpperInvariant(), Modifiers = { s.Modifiers }, Units = s.Units, PlaceOfService = s.PlaceOfService, DateOfService = dateOfService.ToProto(),
        }));
        var response = await client.PriceServicesAsync(request, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        return response.Services.Select(p => new ServicePrice(p.HasAllowedCents ? p.AllowedCents : null, p.Basis)).ToList();
    }
}

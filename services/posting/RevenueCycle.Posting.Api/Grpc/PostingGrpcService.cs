using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Grpc;
using Model = RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Api.Grpc;

/// <summary>The gRPC (and JSON) face of remittance posting.</summary>
public sealed class PostingGrpcService(RemittanceUseCases remittances) : PostingService.PostingServiceBase
{
    public override async Task<PostRemittanceResponse> PostRemittance(PostRemittanceRequest request, ServerCallContext context)
    {
        var v = new Validator();
        if (request.Remittance is null)
        {
            v.Add("remittance", "is required").ThrowIfInvalid();
        }

        v.Require(string.IsNullOrEmpty(request.Remittance!.RemittanceId), "remittance.remittance_id", "is assigned by the service and must be empty");
        var remittance = request.Remittance.ToDomain(v);
        v.ThrowIfInvalid();
        var result = await remittances.PostAsync(remittance, context.CancellationToken);
        return new PostRemittanceResponse
        {
            RemittanceId = result.RemittanceId, Duplicate = result.Duplicate, ClaimsPosted = result.ClaimsPosted,
            DenialsDetected = result.DenialsDetected, TotalPaidCents = result.TotalPaidCents,
        };
    }

    public override async Task<Remittance> GetRemittance(GetRemittanceRequest request, ServerCallContext context) =>
        (await remittances.GetAsync(request.RemittanceId, context.CancellationToken)).ToProto();

    public override async Task<ListDenialsResponse> ListDenials(ListDenialsRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var category = ((int)request.Category).ToDomainEnum<Model.DenialCategory>(v, "category");
        v.ThrowIfInvalid();
        var page = await remittances.ListDenialsAsync(category, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListDenialsResponse { NextPageToken = page.NextPageToken };
        response.Denials.AddRange(page.Denials.Select(d => d.ToProto()));
        return response;
    }
}

using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Submission.Api.Clients;
using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Submission.Tests.Api.Clients;

public sealed class GrpcRemittancePosterTests
{
    /// <summary>Posting as the poster sees it: answers each PostRemittance with the set status, counting the calls.</summary>
    private sealed class Posting(Google.Rpc.Status? refusal) : CallInvoker
    {
        public int Calls { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            Calls++;
            if (refusal is not null)
            {
                throw refusal.ToRpcException();
            }

            var response = (TResponse)(object)new PostRemittanceResponse();
            return new AsyncUnaryCall<TResponse>(Task.FromResult(response), Task.FromResult(new Metadata()), () => global::Grpc.Core.Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();
    }

    private static Remittance835 Remittance(decimal quantity) => new(
        "PAYER1", "PAYER ONE", "CLINIC", "1234567893", "TRACE1", new DateOnly(2026, 3, 3), 8_000, "ACH",
        [new ClaimPayment835("PCN1", "1", 10_000, 8_000, 0, "MC", "ICN1", PersonName.Empty, "", [new PayerAdjustment("CO", "45", 2_000, quantity)], [], [])], []);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepted_ReturnsNoErrors()
    {
        var posting = new Posting(null);

        var errors = await new GrpcRemittancePoster(new PostingService.PostingServiceClient(posting)).PostAsync(Remittance(1), Ct);

        Assert.Empty(errors);
        Assert.Equal(1, posting.Calls);
    }

    [Fact]
    public async Task QuantityPostingCannotKeep_IsRefusedLocated_NotCutShort()
    {
        var posting = new Posting(null);
        var poster = new GrpcRemittancePoster(new PostingService.PostingServiceClient(posting));

        var atLimit = await poster.PostAsync(Remittance(uint.MaxValue), Ct);
        var overLimit = await poster.PostAsync(Remittance(uint.MaxValue + 1m), Ct);

        Assert.Empty(atLimit);
        Assert.Equal(["claim 1 (CLP), CAS CO 45: quantity 4294967296 is more units than posting keeps (4294967295)"], overLimit);
        Assert.Equal(1, posting.Calls); // the one over the limit was not sent
    }

    [Fact]
    public async Task PostingRefusesWithoutDetails_ReturnsItsMessage()
    {
        var posting = new Posting(new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = "remittance.claims: is empty" });

        var errors = await new GrpcRemittancePoster(new PostingService.PostingServiceClient(posting)).PostAsync(Remittance(1), Ct);

        Assert.Equal(["remittance.claims: is empty"], errors);
    }

    [Fact]
    public async Task PostingRefuses_ReturnsItsFieldViolations()
    {
        var badRequest = new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "remittance.total_paid_cents", Description = "does not balance" } } };
        var posting = new Posting(new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = "invalid", Details = { Any.Pack(badRequest) } });

        var errors = await new GrpcRemittancePoster(new PostingService.PostingServiceClient(posting)).PostAsync(Remittance(1), Ct);

        Assert.Equal(["remittance.total_paid_cents: does not balance"], errors);
    }

    [Fact]
    public async Task PostingUnreachable_Throws_SoTheFileIsReadAgain()
    {
        var posting = new Posting(new Google.Rpc.Status { Code = (int)Code.Unavailable, Message = "down" });

        var error = await Assert.ThrowsAsync<RpcException>(() => new GrpcRemittancePoster(new PostingService.PostingServiceClient(posting)).PostAsync(Remittance(1), Ct));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}

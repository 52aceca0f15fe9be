using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.ServiceDefaults.Grpc;

namespace RevenueCycle.Infrastructure.Tests.Grpc;

public sealed class CallerPropagationInterceptorTests
{
    private static readonly Method<GetCoverageRequest, Coverage> GetCoverage = new(MethodType.Unary, "revenuecycle.eligibility.v1.EligibilityService", "GetCoverage",
        Marshallers.Create(m => m.ToByteArray(), GetCoverageRequest.Parser.ParseFrom), Marshallers.Create(m => m.ToByteArray(), Coverage.Parser.ParseFrom));

    [Fact]
    public void ACallMadeWhileServingARequest_NamesThisServiceAndItsClient_AndCarriesTheCorrelationId()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[CallerExtensions.ClientHeader] = "billing-app";
        http.Request.Headers["x-correlation-id"] = "corr-9";
        var interceptor = new CallerPropagationInterceptor("submission", new HttpContextAccessor { HttpContext = http });
        var context = new ClientInterceptorContext<GetCoverageRequest, Coverage>(GetCoverage, null, new CallOptions(headers: [new Metadata.Entry("x-rcm-client", "forged")]));

        // Sent twice with the same context, as a retry does: each attempt carries one of each header.
        var first = Sent(interceptor, context);
        var second = Sent(interceptor, context);

        foreach (var headers in new[] { first, second })
        {
            Assert.Equal(["submission (for billing-app)"], headers.GetAll(CallerExtensions.ClientHeader).Select(e => e.Value));
            Assert.Equal(["corr-9"], headers.GetAll("x-correlation-id").Select(e => e.Value));
        }
    }

    [Fact]
    public void ACallFromABackgroundWorker_NamesTheServiceAlone() =>
        Assert.Equal("submission", Sent(new CallerPropagationInterceptor("submission", new HttpContextAccessor()),
            new ClientInterceptorContext<GetCoverageRequest, Coverage>(GetCoverage, null, new CallOptions())).GetValue(CallerExtensions.ClientHeader));

    private static Metadata Sent(Interceptor interceptor, ClientInterceptorContext<GetCoverageRequest, Coverage> context)
    {
        Metadata? sent = null;
        interceptor.AsyncUnaryCall(new GetCoverageRequest(), context, (_, c) =>
        {
            sent = c.Options.Headers;
            return new AsyncUnaryCall<Coverage>(Task.FromResult(new Coverage()), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        });
        return sent!;
    }
}

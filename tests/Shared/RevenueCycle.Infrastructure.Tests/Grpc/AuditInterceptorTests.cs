using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Infrastructure.Auditing;
using RevenueCycle.ServiceDefaults.Grpc;
using RevenueCycle.Testing;

namespace RevenueCycle.Infrastructure.Tests.Grpc;

public sealed class AuditInterceptorTests
{
    private const string Method = "/revenuecycle.collections.v1.CollectionsService/ListAccounts";
    private static readonly AuditChain Chain = new("test-chain-key");

    private static TestServerCallContext Call() => new(
        new Metadata
        {
            { CallerExtensions.ClientHeader, "billing-app" },
            { CallerExtensions.KeyIdHeader, "k-2026-12" },
            { CallerExtensions.ScopeHeader, "collections:read" },
            { "x-correlation-id", "corr-1" },
        },
        method: Method);

    private static AuditInterceptor Interceptor(IAuditTrail trail) =>
        new(trail, new ServiceIdentity("collections"), TimeProvider.System, NullLogger<AuditInterceptor>.Instance);

    [Fact]
    public async Task AListRead_RecordsEveryPatientItReturned_WithTheKeyAndScope()
    {
        var trail = new InMemoryAuditTrail(Chain);
        var response = new ListAccountsResponse
        {
            Accounts =
            {
                new AccountSummary { AccountId = "acct-1", PatientIds = { "pat-1" } },
                new AccountSummary { AccountId = "acct-2", PatientIds = { "pat-2", "pat-3" } },
            },
        };

        await Interceptor(trail).UnaryServerHandler(new ListAccountsRequest(), Call(), (_, _) => Task.FromResult(response));

        var record = Assert.Single(await trail.ReadLatestAsync(10, TestContext.Current.CancellationToken));
        Assert.Equal("billing-app", record.Actor);
        Assert.Equal("k-2026-12", record.KeyId);
        Assert.Equal("collections:read", record.Scope);
        Assert.Equal("OK", record.Outcome);
        Assert.Equal("acct-1,acct-2", record.Resources["account_id"]);
        Assert.True(record.Touches("patient_id", "pat-3"));
    }

    [Fact]
    public async Task WhenTheTrailCannotBeWritten_TheCallFailsClosed()
    {
        var handled = false;

        var error = await Assert.ThrowsAsync<RpcException>(() => Interceptor(new BrokenTrail()).UnaryServerHandler(
            new ListAccountsRequest(), Call(), (_, _) =>
            {
                handled = true;
                return Task.FromResult(new ListAccountsResponse { Accounts = { new AccountSummary { AccountId = "acct-1" } } });
            }));

        Assert.True(handled);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("audit trail could not be written", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedCall_IsRecordedWithItsStatus()
    {
        var trail = new InMemoryAuditTrail(Chain);

        await Assert.ThrowsAsync<RpcException>(() => Interceptor(trail).UnaryServerHandler<ListAccountsRequest, ListAccountsResponse>(
            new ListAccountsRequest(), Call(), (_, _) => throw new RpcException(new Status(StatusCode.PermissionDenied, "no"))));

        Assert.Equal("PermissionDenied", Assert.Single(await trail.ReadLatestAsync(10, TestContext.Current.CancellationToken)).Outcome);
    }

    private sealed class BrokenTrail : IAuditTrail
    {
        public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken) => throw new TimeoutException("Redis is away");

        public Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken) => throw new TimeoutException();

        public IAsyncEnumerable<AuditEntry> ReadAsync(string after, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task<IReadOnlyList<AuditRecord>> ReadLatestAsync(int max, CancellationToken cancellationToken) => throw new TimeoutException();
    }
}

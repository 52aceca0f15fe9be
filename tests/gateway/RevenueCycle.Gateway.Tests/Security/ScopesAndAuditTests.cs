using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Audit.V1;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Collections.V1;

namespace RevenueCycle.Gateway.Tests.Security;

/// <summary>Read and write scopes per service, expired and revoked keys, and the audit scope over the services' trails.</summary>
public sealed class ScopesAndAuditTests(PlatformFixture fixture)
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);

    private static Metadata Key(string key, string? auditOf = null)
    {
        var headers = new Metadata { { "x-api-key", key } };
        if (auditOf is not null)
        {
            headers.Add("x-rcm-service", auditOf);
        }

        return headers;
    }

    private HttpClient Http(string key)
    {
        var http = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        http.DefaultRequestHeaders.Add("x-api-key", key);
        return http;
    }

    [Fact]
    public async Task AReadScope_ReadsButDoesNotWrite_InBothProtocols()
    {
        var ct = TestContext.Current.CancellationToken;
        var collections = new CollectionsService.CollectionsServiceClient(_channel);
        using var http = Http(PlatformFixture.ReaderKey);

        await collections.ListAccountsAsync(new ListAccountsRequest(), Key(PlatformFixture.ReaderKey), cancellationToken: ct);
        var write = await Assert.ThrowsAsync<RpcException>(() => collections.RunStatementsAsync(new RunStatementsRequest(), Key(PlatformFixture.ReaderKey), cancellationToken: ct).ResponseAsync);
        using var jsonRead = await http.GetAsync("/v1/collections/accounts", ct);
        using var jsonWrite = await http.PostAsJsonAsync("/v1/collections/statements:run", new { }, ct);

        Assert.Equal(StatusCode.PermissionDenied, write.StatusCode);
        Assert.Equal("This API key may only read the collections service (collections:read); this call writes.", write.Status.Detail);
        Assert.Equal(HttpStatusCode.OK, jsonRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, jsonWrite.StatusCode);
    }

    [Fact]
    public async Task DeadLetters_AreRoutedByTheServiceTheyNamed_UnderThatServicesOwnScopes()
    {
        var ct = TestContext.Current.CancellationToken;
        var deadLetters = new Contracts.Events.V1.DeadLetterService.DeadLetterServiceClient(_channel);
        using var http = Http(PlatformFixture.ReaderKey);

        var listed = await deadLetters.ListDeadLettersAsync(new Contracts.Events.V1.ListDeadLettersRequest { Service = "collections" }, Key(PlatformFixture.ReaderKey, "collections"), cancellationToken: ct);
        var replay = await Assert.ThrowsAsync<RpcException>(() => deadLetters.ReplayDeadLetterAsync(
            new Contracts.Events.V1.ReplayDeadLetterRequest { Service = "collections", Topic = "claim-submitted", EventId = "e1" }, Key(PlatformFixture.ReaderKey, "collections"), cancellationToken: ct).ResponseAsync);
        var otherService = await Assert.ThrowsAsync<RpcException>(() => deadLetters.ListDeadLettersAsync(
            new Contracts.Events.V1.ListDeadLettersRequest { Service = "coding" }, Key(PlatformFixture.ReaderKey, "coding"), cancellationToken: ct).ResponseAsync);
        using var json = await http.GetAsync("/v1/collections/dead-letters", ct);

        Assert.NotNull(listed);
        Assert.Equal((StatusCode.PermissionDenied, "This API key may only read the collections service (collections:read); this call writes."), (replay.StatusCode, replay.Status.Detail));
        Assert.Equal(StatusCode.PermissionDenied, otherService.StatusCode); // coding:write does not read coding's
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
    }

    [Fact]
    public async Task AWriteScope_DoesNotRead()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => new CodingService.CodingServiceClient(_channel)
            .ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), Key(PlatformFixture.ReaderKey), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("This API key may only write to the coding service (coding:write); this call reads.", error.Status.Detail);
    }

    [Fact]
    public async Task ExpiredAndRevokedKeys_AreRefusedWithTheReason_AndNothingIsRecorded()
    {
        var ct = TestContext.Current.CancellationToken;
        var collections = new CollectionsService.CollectionsServiceClient(_channel);
        var before = (await collections.ListAccountsAsync(new ListAccountsRequest(), Key(PlatformFixture.DemoKey), cancellationToken: ct)).Accounts.Count;

        var expired = await Assert.ThrowsAsync<RpcException>(() => collections.RunStatementsAsync(new RunStatementsRequest(), Key(PlatformFixture.ExpiredKey), cancellationToken: ct).ResponseAsync);
        using var http = Http(PlatformFixture.RevokedKey);
        using var revoked = await http.PostAsJsonAsync("/v1/collections/statements:run", new { }, ct);
        var trail = await AuditOf("collections", new ListAuditRecordsRequest { Client = "old-interface" });
        var trailOfRevoked = await AuditOf("collections", new ListAuditRecordsRequest { Client = "leaked-interface" });

        Assert.Equal(StatusCode.Unauthenticated, expired.StatusCode);
        Assert.Equal("This API key (old-2019) expired at 2020-01-01 00:00 UTC; ask for a new one.", expired.Status.Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("This API key (leaked-1) was revoked; ask for a new one.", (await revoked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("message").GetString());
        Assert.Empty(trail.Records); // refused at the gateway: no service saw the call
        Assert.Empty(trailOfRevoked.Records);
        Assert.Equal(before, (await collections.ListAccountsAsync(new ListAccountsRequest(), Key(PlatformFixture.DemoKey), cancellationToken: ct)).Accounts.Count);
    }

    [Fact]
    public async Task TheAuditScope_IsNeededForTheTrails_AndStarDoesNotGiveIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var audit = new AuditService.AuditServiceClient(_channel);

        var star = await Assert.ThrowsAsync<RpcException>(() => audit.VerifyAuditTrailAsync(new VerifyAuditTrailRequest { Service = "coding" }, Key(PlatformFixture.EveryServiceKey, "coding"), cancellationToken: ct).ResponseAsync);
        using var starJson = await Http(PlatformFixture.EveryServiceKey).GetAsync("/v1/coding/audit/records", ct);
        using var auditorJson = await Http(PlatformFixture.AuditorKey).GetAsync("/v1/coding/audit/verification", ct);
        var verification = await audit.VerifyAuditTrailAsync(new VerifyAuditTrailRequest { Service = "coding" }, Key(PlatformFixture.AuditorKey, "coding"), cancellationToken: ct);

        Assert.Equal(StatusCode.PermissionDenied, star.StatusCode);
        Assert.Equal("Reading the coding service's audit trail needs the audit scope.", star.Status.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, starJson.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auditorJson.StatusCode);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal("coding", verification.Service);
    }

    [Fact]
    public async Task AnAuditorFinds_WhoReadWhichPatient_WithWhichKeyAndScope()
    {
        var ct = TestContext.Current.CancellationToken;
        var patient = $"pat-audit-{Guid.NewGuid():N}";
        await new CollectionsService.CollectionsServiceClient(_channel)
            .ListAccountsAsync(new ListAccountsRequest { PatientId = patient }, Key(PlatformFixture.ReaderKey), cancellationToken: ct);

        var found = await AuditOf("collections", new ListAuditRecordsRequest { PatientId = patient });
        using var json = await Http(PlatformFixture.AuditorKey).GetAsync($"/v1/collections/audit/records?patient_id={patient}", ct);
        var byKey = await AuditOf("collections", new ListAuditRecordsRequest { KeyId = "reader-2026-12" });

        var record = Assert.Single(found.Records);
        Assert.Equal("billing-reader", record.Actor);
        Assert.Equal("reader-2026-12", record.KeyId);
        Assert.Equal("collections:read", record.Scope);
        Assert.Equal("/revenuecycle.collections.v1.CollectionsService/ListAccounts", record.Operation);
        Assert.Equal(64, record.Hash.Length);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        // Looking a patient up in the trail touches that patient too: the JSON query finds the read and the first query.
        Assert.Equal(
            ["billing-reader", "compliance"],
            (await json.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("records").EnumerateArray().Select(r => r.GetProperty("actor").GetString()));
        Assert.Contains(byKey.Records, r => r.Sequence == record.Sequence);
        Assert.All(byKey.Records, r => Assert.Equal("reader-2026-12", r.KeyId));
    }

    [Fact]
    public async Task AskingOneServiceForAnotherServicesTrail_NamesTheField()
    {
        using var http = Http(PlatformFixture.AuditorKey);
        var audit = new AuditService.AuditServiceClient(_channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => audit.VerifyAuditTrailAsync(
            new VerifyAuditTrailRequest { Service = "posting" }, Key(PlatformFixture.AuditorKey, "coding"), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("service: this is the coding service's trail, not 'posting'", error.Status.Detail, StringComparison.Ordinal);
    }

    private Task<ListAuditRecordsResponse> AuditOf(string service, ListAuditRecordsRequest request)
    {
        request.Service = service;
        return new AuditService.AuditServiceClient(_channel).ListAuditRecordsAsync(request, Key(PlatformFixture.AuditorKey, service), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync;
    }
}

using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.Scrubbing.Api.Grpc;
using RevenueCycle.Scrubbing.Api.ReferenceData;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.ServiceDefaults.ReferenceData;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Api.Grpc;

/// <summary>The scrubbing gRPC adapter called directly.</summary>
public sealed class ScrubbingGrpcServiceTests
{
    private readonly string _rulesFile = Path.Combine(Directory.CreateTempSubdirectory().FullName, "payer-rules.json");
    private readonly PayerRuleCatalog _payerRules = new(DemoPayerRules.Load());
    private readonly ScrubbingGrpcService _service;

    public ScrubbingGrpcServiceTests()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Samples.DateOfService.AddDays(10), TimeOnly.MinValue, TimeSpan.Zero));
        var reference = new ReferenceDataCatalog(DemoPack.Load(clock));
        var options = new ScrubbingOptions { PayerRules = _rulesFile };
        _service = new ScrubbingGrpcService(
            new ScrubUseCases(new InMemoryDocumentStore(), reference, _payerRules, clock), reference, _payerRules,
            new ReferenceDataWatcher(reference, "", ReferenceParts.All, TimeSpan.FromMinutes(1), clock, NullLogger<ReferenceDataWatcher>.Instance),
            new PayerRulesWatcher(_payerRules, options, clock, NullLogger<PayerRulesWatcher>.Instance));
    }

    private static Claim Clean(string id) => (Samples.Claim(id) with { PatientControlNumber = id }).ToProto();

    [Fact]
    public async Task ScrubClaim_WithoutClaim_NamesTheField()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.ScrubClaim(new ScrubClaimRequest(), TestServerCallContext.Create()));

        Assert.Equal("claim", error.Violations.Single().Field);
    }

    [Fact]
    public async Task ScrubClaim_MapsFindingsAndCountsTheRate()
    {
        var claim = Clean("C1");
        claim.Subscriber.MemberId = "";

        var result = await _service.ScrubClaim(new ScrubClaimRequest { Claim = claim }, TestServerCallContext.Create());
        var rate = await _service.GetCleanClaimRate(new GetCleanClaimRateRequest(), TestServerCallContext.Create());

        var finding = Assert.Single(result.Findings, f => f.Severity == Severity.Reject);
        Assert.Equal(("SUB-ID", Owner.FrontEnd, "claim.subscriber.member_id"), (finding.RuleId, finding.Owner, finding.Field));
        Assert.Equal((1L, 0L), (rate.ClaimsScrubbed, rate.ClaimsCleanFirstPass));
    }

    [Fact]
    public async Task ScrubBatch_StreamsOneResultPerClaimInOrder_AndAMalformedClaimDoesNotStopTheRest()
    {
        var request = new ScrubBatchRequest();
        request.Claims.Add(Clean("B1"));
        var malformed = Clean("B2");
        malformed.Lines[0].ServiceDateFrom = new Google.Type.Date { Year = 2026, Month = 2, Day = 30 };
        request.Claims.Add(malformed);
        var telehealth = Clean("B3");
        telehealth.Lines[0].PlaceOfService = "10"; // the demo rules: payer 12345 needs 95 on place of service 10
        request.Claims.Add(telehealth);
        var writer = new RecordingStreamWriter<ScrubResult>();

        await _service.ScrubBatch(request, writer, TestServerCallContext.Create());

        Assert.Equal([0u, 1u, 2u], writer.Written.Select(r => r.Sequence));
        Assert.True(writer.Written[0].Clean);
        Assert.Equal(("CLM-MALFORMED", "claims[1].lines[0].service_date_from"), (writer.Written[1].Findings[0].RuleId, writer.Written[1].Findings[0].Field));
        Assert.Contains(writer.Written[2].Findings, f => f.RuleId == "SHP-TELEHEALTH-95");
    }

    [Fact]
    public async Task ScrubBatch_TooLarge_IsRefusedBeforeAnyWork()
    {
        var request = new ScrubBatchRequest();
        request.Claims.AddRange(Enumerable.Range(0, ScrubbingGrpcService.MaxBatch + 1).Select(i => Clean($"X{i}")));

        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.ScrubBatch(request, new RecordingStreamWriter<ScrubResult>(), TestServerCallContext.Create()));

        Assert.Equal("claims", error.Violations.Single().Field);
    }

    [Fact]
    public async Task ScrubStream_AnswersEachClaimAsItArrives()
    {
        var reader = new ListStreamReader<ScrubClaimRequest>([new ScrubClaimRequest { Claim = Clean("S1") }, new ScrubClaimRequest(), new ScrubClaimRequest { Claim = Clean("S3") }]);
        var writer = new RecordingStreamWriter<ScrubResult>();

        await _service.ScrubStream(reader, writer, TestServerCallContext.Create());

        Assert.Equal(["S1", "", "S3"], writer.Written.Select(r => r.ClaimId));
        Assert.Equal("claim", writer.Written[1].Findings.Single().Field);
    }

    [Fact]
    public async Task ValidateClaim_RecordsNothing()
    {
        await _service.ValidateClaim(new ScrubClaimRequest { Claim = Clean("V1") }, TestServerCallContext.Create());

        Assert.Equal(0, (await _service.GetCleanClaimRate(new GetCleanClaimRateRequest(), TestServerCallContext.Create())).ClaimsScrubbed);
    }

    [Fact]
    public async Task ReloadRuleSets_BrokenPayerFile_KeepsTheRulesInForceAndSaysWhere()
    {
        await File.WriteAllTextAsync(_rulesFile, "{\n  \"version\": \"x\",\n  \"payers\": [ { \"payerId\": \"1\", \"timelyFilingDays\": -5 } ]\n}\n", TestContext.Current.CancellationToken);
        var before = _payerRules.Current;

        var error = await Assert.ThrowsAsync<PreconditionFailedException>(() => _service.ReloadRuleSets(new ReloadRuleSetsRequest(), TestServerCallContext.Create()));
        var listed = await _service.ListRuleSets(new ListRuleSetsRequest(), TestServerCallContext.Create());

        Assert.Contains("payer-rules.json:3", error.Message);
        Assert.Same(before, _payerRules.Current);
        Assert.Contains("payer-rules.json:3", Assert.Single(listed.LastErrors));
        Assert.Equal("demo rules", listed.PayerRulesSource);
        Assert.Contains(listed.Tables, t => t.Version == "NCCI PTP practitioner demo 2026.1");
    }

    private sealed class RecordingStreamWriter<T> : IServerStreamWriter<T>
    {
        public List<T> Written { get; } = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(T message)
        {
            Written.Add(message);
            return Task.CompletedTask;
        }
    }

    private sealed class ListStreamReader<T>(IReadOnlyList<T> items) : IAsyncStreamReader<T>
    {
        private int _next = -1;

        public T Current => items[_next];

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(++_next < items.Count);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.Coding.Api.Grpc;
using RevenueCycle.Coding.Suggestion;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.ServiceDefaults.ReferenceData;
using RevenueCycle.Testing;

namespace RevenueCycle.Coding.Tests.Api.Grpc;

/// <summary>The coding gRPC adapter called directly.</summary>
public sealed class CodingGrpcServiceTests
{
    private readonly CodingGrpcService _service;

    public CodingGrpcServiceTests()
    {
        var store = new InMemoryDocumentStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        var catalog = new ReferenceDataCatalog(DemoPack.Load(clock));
        var statistics = new DenialStatistics(store, clock);
        var history = new CodingHistory();
        var encounters = new EncounterUseCases(store, catalog, statistics, clock, history);
        _service = new CodingGrpcService(encounters, new CorrectionUseCases(store, catalog, statistics, clock), new ProviderQueryUseCases(store, encounters, clock),
            new SuggestionUseCases(catalog, history, encounters, clock), catalog,
            new ReferenceDataWatcher(catalog, "", ReferenceParts.CodeSets, TimeSpan.FromMinutes(1), clock, NullLogger<ReferenceDataWatcher>.Instance));
    }

    [Fact]
    public async Task CreateEncounter_WithoutActor_AuditsTheGatewayClient()
    {
        var encounter = await _service.CreateEncounter(
            new CreateEncounterRequest { IdempotencyKey = "enc-1", PatientId = "pat-1", ProviderNpi = Samples.ValidNpi, DateOfService = new Google.Type.Date { Year = 2026, Month = 3, Day = 2 }, PatientSex = Sex.Male },
            TestServerCallContext.Create(("x-rcm-client", "ehr-interface")));

        Assert.Equal(EncounterStatus.Draft, encounter.Status);
        Assert.Equal(Sex.Male, encounter.PatientSex);
        Assert.Equal("ehr-interface", encounter.Audit.Single().Actor);
    }

    [Fact]
    public async Task SuggestCodes_FromText_GivesCodesWithEvidenceSpans()
    {
        const string note = "Follow-up for type 2 diabetes mellitus without complications. Denies chest pain.";

        var response = await _service.SuggestCodes(new SuggestCodesRequest { Documentation = note, MaxResults = 5 }, TestServerCallContext.Create());

        var diabetes = Assert.Single(response.Suggestions, s => s.Code == "E119");
        Assert.Equal("ICD-10-CM", diabetes.System);
        var span = diabetes.Evidence.First();
        Assert.Contains("diabetes", note.Substring(span.Start, span.Length), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(response.Suggestions, s => s.Code == "R079"); // denied
        Assert.Contains(DemoPack.Version, response.CodeSetVersion);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("note", "enc_1")]
    public async Task SuggestCodes_EmptyOrAmbiguousInput_IsInvalidArgument(string documentation, string encounterId)
    {
        var error = await Assert.ThrowsAsync<RevenueCycle.BuildingBlocks.Errors.ValidationException>(() =>
            _service.SuggestCodes(new SuggestCodesRequest { Documentation = documentation, EncounterId = encounterId }, TestServerCallContext.Create()));

        Assert.Equal("documentation", error.Violations[0].Field);
    }

    [Fact]
    public async Task SuggestCodes_OverOneMegabyte_IsInvalidArgument()
    {
        var huge = string.Concat(Enumerable.Repeat("Hypertension. ", 80_000));

        var error = await Assert.ThrowsAsync<RevenueCycle.BuildingBlocks.Errors.ValidationException>(() =>
            _service.SuggestCodes(new SuggestCodesRequest { Documentation = huge }, TestServerCallContext.Create()));

        Assert.Equal(("documentation", "is larger than 1 MB"), (error.Violations[0].Field, error.Violations[0].Description));
    }

    [Fact]
    public async Task ValidateCodes_MapsFindingsWithSeverityOwnerAndLines()
    {
        var request = new ValidateCodesRequest { DateOfService = new Google.Type.Date { Year = 2026, Month = 3, Day = 2 } };
        request.Diagnoses.Add(new Diagnosis { Code = "E11.9" });
        request.Procedures.Add(new CodedProcedure { Code = "G0439", Units = 1, DiagnosisPointers = { 4 } });

        var response = await _service.ValidateCodes(request, TestServerCallContext.Create());

        Assert.False(response.Valid);
        var finding = Assert.Single(response.Findings);
        Assert.Equal((Severity.Reject, Owner.Coding, 1u), (finding.Severity, finding.Owner, finding.LineNumbers.Single()));
        Assert.Contains(DemoPack.Version, response.CodeSetVersion);
    }
}

using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.Coding.Api.Grpc;
using RevenueCycle.Coding.Api.ReferenceData;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
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
        var encounters = new EncounterUseCases(store, catalog, statistics, clock);
        _service = new CodingGrpcService(encounters, new CorrectionUseCases(store, catalog, statistics, clock), new ProviderQueryUseCases(store, encounters, clock),
            catalog, new ReferenceDataWatcher(catalog, new CodingOptions(), clock, NullLogger<ReferenceDataWatcher>.Instance));
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

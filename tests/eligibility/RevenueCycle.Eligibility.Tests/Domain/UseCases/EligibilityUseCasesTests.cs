using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Eligibility.Tests.Domain.UseCases;

/// <summary>Checks against the payer sandbox: snapshots, cache, stale answers when the payer cannot be asked, and bad questions.</summary>
public sealed class EligibilityUseCasesTests
{
    private static readonly DateOnly Dos = new(2026, 3, 2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDocumentStore _store = new();
    private readonly ScriptedExchange _exchange;
    private readonly CoverageUseCases _coverages;
    private readonly EligibilityUseCases _eligibility;

    public EligibilityUseCasesTests()
    {
        _exchange = new ScriptedExchange(_clock);
        _coverages = new CoverageUseCases(_store);
        _eligibility = new EligibilityUseCases(_store, _exchange, _coverages, EligibilityOptions.Default, _clock);
    }

    public static EligibilityQuestion Question(string memberId = "W100D", params string[] serviceTypes) =>
        new("12345", memberId, "DOE", "JANE", new DateOnly(1970, 5, 1), "F", null, Dos, serviceTypes);

    [Fact]
    public async Task Check_DeductiblePartlyMet_StoresASnapshotWithTheRaw271()
    {
        var check = await _eligibility.CheckAsync(Question("W100D", "98"), TestContext.Current.CancellationToken);

        var snapshot = Assert.IsType<EligibilitySnapshot>(check.Snapshot);
        Assert.Equal(EligibilityOutcome.Active, check.Result.Outcome);
        Assert.False(check.FromCache);
        Assert.Equal(["98"], check.Result.ActiveServiceTypes);
        Assert.Equal(50_000, check.Result.Find(BenefitKind.Deductible, "98", Network.InNetwork, AmountPeriod.Total)?.Cents);
        Assert.Equal(5_000, check.Result.Find(BenefitKind.Deductible, "98", Network.InNetwork, AmountPeriod.Remaining)?.Cents);
        Assert.Equal(2_000, check.Result.Find(BenefitKind.Coinsurance, "98", Network.InNetwork, AmountPeriod.Total)?.BasisPoints);
        Assert.Equal(2_500, check.Result.Find(BenefitKind.Copay, "98", Network.InNetwork, AmountPeriod.PerVisit)?.Cents);
        Assert.StartsWith("ISA*", snapshot.Raw271);
        Assert.Contains(snapshot.TraceNumber, snapshot.Raw271);
        Assert.Equal(_clock.GetUtcNow().AddHours(24), snapshot.ExpiresAt);
        Assert.Equal(snapshot.Raw271, (await _eligibility.GetSnapshotAsync(snapshot.SnapshotId, TestContext.Current.CancellationToken)).Raw271);
        Assert.Contains("EQ*98~", _exchange.Sent.Single());
    }

    [Fact]
    public async Task Check_Repeated_AnswersFromTheSnapshotUntilItExpires()
    {
        var first = await _eligibility.CheckAsync(Question(), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromHours(23));
        var cached = await _eligibility.CheckAsync(Question(), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromHours(2));
        var fresh = await _eligibility.CheckAsync(Question(), TestContext.Current.CancellationToken);

        Assert.True(cached.FromCache);
        Assert.Equal(first.Snapshot!.SnapshotId, cached.Snapshot!.SnapshotId);
        Assert.NotEqual(first.Snapshot.SnapshotId, fresh.Snapshot!.SnapshotId);
        Assert.Equal(2, _exchange.Calls);
        Assert.Equal(fresh.Snapshot.SnapshotId, (await _eligibility.InForceAsync("12345", "w100d", Dos, TestContext.Current.CancellationToken))?.SnapshotId);
    }

    [Fact]
    public async Task Check_PayerUnavailable_ReturnsTheLastSnapshotMarkedStale()
    {
        var first = await _eligibility.CheckAsync(Question(), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromDays(2));
        _exchange.Script = (_, _) => null; // no answer in time

        var stale = await _eligibility.CheckAsync(Question(), TestContext.Current.CancellationToken);

        Assert.True(stale.Stale);
        Assert.Equal(first.Snapshot!.SnapshotId, stale.Snapshot?.SnapshotId);
        Assert.Equal(EligibilityOutcome.Active, stale.Result.Outcome);
        Assert.Contains("did not answer within 15 s", stale.Problem);
    }

    [Fact]
    public async Task Check_Aaa42WithNoEarlierAnswer_IsUnavailableAndStoresNothing()
    {
        var check = await _eligibility.CheckAsync(Question("W100U"), TestContext.Current.CancellationToken);

        Assert.True(check.Stale);
        Assert.Null(check.Snapshot);
        Assert.Equal(EligibilityOutcome.PayerUnavailable, check.Result.Outcome);
        Assert.Contains("unable to respond at current time", check.Problem);
        Assert.Null(await _eligibility.InForceAsync("12345", "W100U", Dos, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Check_ClearinghouseDown_IsStaleNotAnError()
    {
        _exchange.Script = (_, _) => throw new HttpRequestException("connection refused");

        var check = await _eligibility.CheckAsync(Question(), TestContext.Current.CancellationToken);

        Assert.True(check.Stale);
        Assert.Equal(EligibilityOutcome.PayerUnavailable, check.Result.Outcome);
        Assert.Contains("could not be reached (HttpRequestException)", check.Problem);
    }

    [Fact]
    public async Task Check_Malformed271_IsALocatedProblemAndThePreviousSnapshotStaysInForce()
    {
        var first = await _eligibility.CheckAsync(Question(), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromDays(2));
        _exchange.Script = (text, trace) =>
        {
            var good = Sandbox.Domain.SandboxEligibility.Answer(text, _clock.GetUtcNow())!;
            return good.Replace("SE*", "SE*9", StringComparison.Ordinal); // the segment count no longer balances
        };

        var check = await _eligibility.CheckAsync(Question(), TestContext.Current.CancellationToken);

        Assert.True(check.Stale);
        Assert.Equal(first.Snapshot!.SnapshotId, check.Snapshot?.SnapshotId);
        Assert.Contains("the 271 cannot be read", check.Problem);
        Assert.Contains("SE", check.Problem);
        Assert.Equal(first.Snapshot.SnapshotId, (await _eligibility.InForceAsync("12345", "W100D", Dos, TestContext.Current.CancellationToken))?.SnapshotId);
    }

    [Fact]
    public async Task Check_MemberNotFound_IsATypedRejection()
    {
        var check = await _eligibility.CheckAsync(Question("W100R"), TestContext.Current.CancellationToken);

        Assert.False(check.Stale);
        Assert.Equal(EligibilityOutcome.Rejected, check.Result.Outcome);
        var rejection = Assert.Single(check.Result.Rejections);
        Assert.Equal(("subscriber", "72", "invalid/missing subscriber/insured ID", "C"), (rejection.Level, rejection.ReasonCode, rejection.Reason, rejection.FollowUpCode));
    }

    [Fact]
    public async Task Check_Terminated_IsInactiveWithTheEndDate()
    {
        var check = await _eligibility.CheckAsync(Question("W100I"), TestContext.Current.CancellationToken);

        Assert.Equal(EligibilityOutcome.Inactive, check.Result.Outcome);
        Assert.Equal(new DateOnly(2025, 12, 31), check.Result.CoverageTo);
        Assert.Equal(["30"], check.Result.InactiveServiceTypes);
    }

    [Fact]
    public async Task Check_OtherCoverageAndAuthorization_AreReported()
    {
        var cob = await _eligibility.CheckAsync(Question("W100C"), TestContext.Current.CancellationToken);
        var auth = await _eligibility.CheckAsync(Question("W100A", "2", "62", "98"), TestContext.Current.CancellationToken);

        var other = Assert.Single(cob.Result.OtherCoverage);
        Assert.Equal(("OTHER HEALTH PLAN", "99999", "primary", "C1"), (other.PayerName, other.PayerId, other.Priority, other.InsuranceType));
        Assert.Equal(["2", "62"], auth.Result.AuthorizationRequired);
    }

    [Fact]
    public async Task Check_Dependent_AsksAboutTheDependentUnderTheSubscriber()
    {
        var question = Question() with { Dependent = new DependentPerson("DOE", "JIMMY", new DateOnly(2015, 4, 2), "M") };

        var check = await _eligibility.CheckAsync(question, TestContext.Current.CancellationToken);

        var sent = _exchange.Sent.Single();
        Assert.Contains("HL*4*3*23*0~", sent);
        Assert.Contains("NM1*03*1*DOE*JIMMY~", sent);
        Assert.Equal(EligibilityOutcome.Active, check.Result.Outcome);
        Assert.Contains("INS*N*19~", check.Snapshot!.Raw271);
    }

    [Theory]
    [InlineData("99999", "W100D", "2026-03-02", "30", "payer_id")]
    [InlineData("12345", "W1 00", "2026-03-02", "30", "subscriber.member_id")]
    [InlineData("12345", "", "2026-03-02", "30", "subscriber.member_id")]
    [InlineData("12345", "W100D", "2023-03-02", "30", "date_of_service")]
    [InlineData("12345", "W100D", "2026-06-01", "30", "date_of_service")]
    [InlineData("12345", "W100D", "2026-03-02", "ZZZ", "service_type_codes[0]")]
    public async Task Check_BadQuestion_IsAFieldErrorAndNothingIsAskedOrStored(string payer, string member, string dos, string serviceType, string field)
    {
        var question = Question(member, serviceType) with { PayerId = payer, DateOfService = DateOnly.Parse(dos, System.Globalization.CultureInfo.InvariantCulture) };

        var error = await Assert.ThrowsAsync<ValidationException>(() => _eligibility.CheckAsync(question, TestContext.Current.CancellationToken));

        Assert.Equal(field, error.Violations.First().Field);
        Assert.Equal(0, _exchange.Calls);
        Assert.Null(await _eligibility.InForceAsync(payer, member, Dos, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CheckCoverage_AsksAboutTheRegisteredSubscriber()
    {
        var coverage = await _coverages.RegisterAsync("k1", CoverageUseCasesTests.Command("W200D"), TestContext.Current.CancellationToken);

        var (check, priorAuthorization) = await _eligibility.CheckCoverageAsync(coverage.Value.CoverageId, Dos, ["98"], null, ["99213", "70553"], TestContext.Current.CancellationToken);

        Assert.Equal(EligibilityOutcome.Active, check.Result.Outcome);
        Assert.Equal(coverage.Value.CoverageId, check.Snapshot!.CoverageId);
        Assert.Equal("pat-1", check.Snapshot.PatientId);
        Assert.Equal(["70553"], priorAuthorization);
        Assert.Contains("NM1*IL*1*DOE*JANE****MI*W200D~", _exchange.Sent.Single());
    }

    [Fact]
    public async Task CheckCoverage_DateOutsideTheCoverage_IsAFieldErrorAndNothingIsAsked()
    {
        var coverage = await _coverages.RegisterAsync("k1", CoverageUseCasesTests.Command(start: new DateOnly(2026, 4, 1)), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _eligibility.CheckCoverageAsync(coverage.Value.CoverageId, Dos, [], null, [], TestContext.Current.CancellationToken));

        Assert.Equal("date_of_service", Assert.Single(error.Violations).Field);
        Assert.Equal(0, _exchange.Calls);
    }

    [Fact]
    public async Task CheckCoverage_OfADependentWithoutTheDependent_IsAFieldError()
    {
        var command = CoverageUseCasesTests.Command() with
        {
            Subscriber = new Subscriber("W300D", "G1", new PersonName("DOE", "JOHN", "", ""), new DateOnly(1968, 1, 1), Sex.Male, Address.Empty, Relationship.Child),
        };
        var coverage = await _coverages.RegisterAsync("k1", command, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _eligibility.CheckCoverageAsync(coverage.Value.CoverageId, Dos, [], null, [], TestContext.Current.CancellationToken));

        Assert.Equal("dependent", Assert.Single(error.Violations).Field);
    }
    [Fact]
    public async Task CheckBatch_AsksAtMostTheConcurrencyAtOnce_AndAnswersEveryRowOnce()
    {
        _exchange.Latency = TimeSpan.FromMilliseconds(20);
        var rows = Enumerable.Range(0, 60).Select(i => new EligibilityBatchRow($"appt-{i}", Question($"B{i:D3}{"DRICAU"[i % 6]}"), "", Dos, [], null, [])).ToList();
        rows[7] = rows[7] with { Errors = [new FieldViolation("date_of_service", "month 13 is not a month")] };
        rows[8] = rows[8] with { Question = rows[8].Question! with { PayerId = "00000" } };

        var results = new List<EligibilityBatchResult>();
        await foreach (var result in _eligibility.CheckBatchAsync(rows, 4, TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        Assert.Equal(Enumerable.Range(0, 60), results.Select(r => r.Index).Order());
        Assert.All(results, r => Assert.Equal($"appt-{r.Index}", r.Reference));
        Assert.Equal(4, _exchange.MaxInFlight);
        Assert.Equal(58, _exchange.Calls);
        Assert.Equal("date_of_service", results.Single(r => r.Index == 7).Errors.Single().Field);
        Assert.Equal("payer_id", results.Single(r => r.Index == 8).Errors.Single().Field);
        var outcomes = results.Where(r => r.Check is not null).GroupBy(r => r.Check!.Result.Outcome).ToDictionary(g => g.Key, g => g.Count());
        // Members end D R I C A U in turn; rows 7 (R) and 8 (I) were not asked.
        Assert.Equal((30, 9, 9, 10), (outcomes[EligibilityOutcome.Active], outcomes[EligibilityOutcome.Rejected], outcomes[EligibilityOutcome.Inactive], outcomes[EligibilityOutcome.PayerUnavailable]));
    }

    [Fact]
    public async Task CheckBatch_SentAgain_AnswersFromTheSnapshots()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new EligibilityBatchRow($"appt-{i}", Question($"R{i:D3}D"), "", Dos, [], null, [])).ToList();

        await foreach (var _ in _eligibility.CheckBatchAsync(rows, 8, TestContext.Current.CancellationToken))
        {
        }

        var again = new List<EligibilityBatchResult>();
        await foreach (var result in _eligibility.CheckBatchAsync(rows, 8, TestContext.Current.CancellationToken))
        {
            again.Add(result);
        }

        Assert.Equal(10, _exchange.Calls);
        Assert.All(again, r => Assert.True(r.Check!.FromCache));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5_001, 1)]
    [InlineData(1, 33)]
    public async Task CheckBatch_OutOfBounds_IsAFieldError(int rowCount, int concurrency)
    {
        var rows = Enumerable.Range(0, rowCount).Select(i => new EligibilityBatchRow($"a{i}", Question(), "", Dos, [], null, [])).ToList();

        await Assert.ThrowsAsync<ValidationException>(async () =>
        {
            await foreach (var _ in _eligibility.CheckBatchAsync(rows, concurrency, TestContext.Current.CancellationToken))
            {
            }
        });
        Assert.Equal(0, _exchange.Calls);
    }
    [Fact]
    public async Task Coordinate_OrdersTheRegisteredCoverages_AndFlagsOtherCoverageAPayerReports()
    {
        var own = CoverageUseCasesTests.Command("OWN1C") with
        {
            Payer = new Payer("12345", "SAMPLE HEALTH PLAN", "CI", Address.Empty),
            Cob = new CobProfile(CoverageKind.GroupHealthPlan, EmploymentBasis.Active, 250, false, MedicareBasis.Unspecified, null, ParentCustody.Unspecified),
        };
        var spouse = own with
        {
            Payer = new Payer("67890", "SPOUSE PLAN", "CI", Address.Empty),
            Subscriber = new Subscriber("SP1", "", new PersonName("DOE", "JOHN", "", ""), new DateOnly(1968, 1, 1), Sex.Male, Address.Empty, Relationship.Spouse),
            Priority = CoveragePriority.Primary, // registered as primary by mistake: the rules put it second
        };
        await _coverages.RegisterAsync("spouse", spouse, TestContext.Current.CancellationToken);
        await _coverages.RegisterAsync("own", own, TestContext.Current.CancellationToken);
        await _eligibility.CheckAsync(Question("OWN1C"), TestContext.Current.CancellationToken); // the payer reports OTHER HEALTH PLAN primary

        var order = await _eligibility.CoordinateAsync("pat-1", Dos, AccidentKind.None, TestContext.Current.CancellationToken);

        Assert.Equal(["12345", "67890"], order.Order.Select(o => o.Coverage.Payer.PayerId));
        Assert.Equal(["P", "S"], order.Order.Select(o => o.PayerResponsibility));
        Assert.Contains("NAIC 6B(2)", order.Order[0].Reason);
        var finding = Assert.Single(order.Findings);
        Assert.Contains("Payer 12345 reports other coverage with OTHER HEALTH PLAN 99999 as primary", finding);
    }

    [Fact]
    public async Task Coordinate_NoCoverage_IsSelfPayFinding()
    {
        var order = await _eligibility.CoordinateAsync("pat-none", Dos, AccidentKind.None, TestContext.Current.CancellationToken);

        Assert.Empty(order.Order);
        Assert.Contains("No coverage is registered", Assert.Single(order.Findings));
    }
}

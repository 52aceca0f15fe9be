using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Collections.Api.Grpc;
using RevenueCycle.Collections.Api.Statements;
using RevenueCycle.Collections.Domain.Assistance;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Collections.Tests.Domain.UseCases;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Testing;

namespace RevenueCycle.Collections.Tests.Api.Grpc;

/// <summary>The collections gRPC adapter called directly.</summary>
public sealed class CollectionsGrpcServiceTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDocumentStore _store = new();
    private readonly AccountUseCases _accounts;
    private readonly CollectionsGrpcService _service;

    public CollectionsGrpcServiceTests()
    {
        _accounts = new AccountUseCases(_store, Clock);
        _service = new CollectionsGrpcService(_accounts, new StatementUseCases(_store, StatementPolicy.Default, Clock),
            new CollectionUseCases(_store, _accounts, DunningPolicy.Default, FinancialAssistance.Demo(), Clock), new CollectionsOptions(), DunningPolicy.Default,
            new RevenueCycle.Collections.Domain.Kpis.KpiProjection(_store, Clock), Clock);
    }

    [Fact]
    public async Task Statements_OnlyForWhatThePayersAreDoneWith_OncePerDay_AndThePdfReadsBackTheAmounts()
    {
        var ct = TestContext.Current.CancellationToken;
        await _accounts.HandleAsync(AccountUseCasesTests.Submitted() with
        {
            Lines = [new SubmittedLineCodes("C1-1", "99213", [], [], new DateOnly(2026, 3, 2), 1, 12_500), new SubmittedLineCodes("C1-2", "82947", [], [], new DateOnly(2026, 3, 2), 1, 2_000)],
        }, ct);
        await _accounts.HandleAsync(AccountUseCasesTests.Adjudicated(), ct); // the patient owes 2,000
        await _accounts.HandleAsync(AccountUseCasesTests.Submitted("C9") with { PatientAccountId = "acct-9", Id = "s9" }, ct); // still with the payer

        var run = await _service.RunStatements(new RunStatementsRequest(), TestServerCallContext.Create());
        var again = await _service.RunStatements(new RunStatementsRequest(), TestServerCallContext.Create());
        var statement = await _service.GetStatement(new GetStatementRequest { StatementId = run.StatementIds.Single() }, TestServerCallContext.Create());
        var pdf = await _service.GetStatementPdf(new GetStatementRequest { StatementId = statement.StatementId }, TestServerCallContext.Create());

        Assert.Equal(("acct-1", 2_000L, 2_000L), (statement.AccountId, statement.AmountDueCents, run.TotalDueCents));
        var line = Assert.Single(statement.Lines);
        Assert.Equal((14_500L, 7_000L, 5_500L, 0L, 2_000L), (line.ChargeCents, line.InsurancePaidCents, line.AdjustmentCents, line.PatientPaidCents, line.DueCents));
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 5, Day = 20 }, statement.DueOn);
        Assert.Equal(1, run.Skipped["a payer has still to answer"]); // acct-9: its claim is with the payer
        Assert.Empty(again.StatementIds);
        Assert.Equal(1, again.Skipped["the next dunning letter is not yet due"]); // STATEMENT_1 went today; STATEMENT_2 is due in 30 days
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf.Content.ToByteArray());
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));
        Assert.Contains("Amount due $20.00", text);
        Assert.Contains("03/02/2026", text);
        Assert.Contains("$145.00", text);
        Assert.Contains("$70.00", text);
        Assert.DoesNotContain("99213", text); // no procedure code, no diagnosis: no more PHI than a statement needs
        Assert.Equal($"{statement.StatementId}.pdf", pdf.FileName);
    }

    [Fact]
    public async Task GetAccount_Unknown_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _service.GetAccount(new GetAccountRequest { AccountId = "nobody" }, TestServerCallContext.Create()));
    }

    [Fact]
    public async Task RecordPatientPayment_MapsBalancesAndLedger()
    {
        await _accounts.HandleAsync(AccountUseCasesTests.Submitted(), TestContext.Current.CancellationToken);
        await _accounts.HandleAsync(AccountUseCasesTests.Adjudicated(), TestContext.Current.CancellationToken);

        var account = await _service.RecordPatientPayment(new RecordPatientPaymentRequest { AccountId = "acct-1", IdempotencyKey = "p", AmountCents = 2_500, Method = "cash" }, TestServerCallContext.Create());

        var claim = account.Claims.Single();
        Assert.Equal((2_000L, 0L, 500L, -500L), (claim.PatientPaidCents, claim.PatientBalanceCents, account.UnappliedCents, account.PatientBalanceCents));
        Assert.Equal("PATIENT_PAYMENT", account.Ledger.Last().Kind);
        Assert.Equal(-2_500, account.Ledger.Last().AmountCents);
    }
}

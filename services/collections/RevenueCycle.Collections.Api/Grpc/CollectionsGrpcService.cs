using Google.Protobuf;
using Grpc.Core;
using RevenueCycle.Collections.Api.Statements;
using StatementUseCases = RevenueCycle.Collections.Domain.Statements.StatementUseCases;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Mapping;
using Model = RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Api.Grpc;

/// <summary>The gRPC (and JSON) face of patient accounts.</summary>
public sealed class CollectionsGrpcService(AccountUseCases accounts, StatementUseCases statements, CollectionsOptions options, TimeProvider clock)
    : CollectionsService.CollectionsServiceBase
{
    public override async Task<StatementRun> RunStatements(RunStatementsRequest request, ServerCallContext context) =>
        (await statements.RunAsync(context.CancellationToken)).ToProto();

    public override async Task<PaymentPlan> CreatePaymentPlan(CreatePaymentPlanRequest request, ServerCallContext context)
    {
        var account = await accounts.CreatePlanAsync(request.AccountId, request.IdempotencyKey, request.DownPaymentCents, request.InstallmentCents, request.InstallmentCount,
            request.DayOfMonth, request.GraceDays, context.CancellationToken);
        return account.Value.Plan!.ToProto(account.Value.AccountId, clock);
    }

    public override async Task<PaymentPlan> GetPaymentPlan(GetPaymentPlanRequest request, ServerCallContext context)
    {
        var account = (await accounts.GetAsync(request.AccountId, context.CancellationToken)).Value;
        return account.Plan?.ToProto(account.AccountId, clock) ?? throw new BuildingBlocks.Errors.NotFoundException("Payment plan of account", request.AccountId);
    }

    public override async Task<Account> SetAccountHold(SetAccountHoldRequest request, ServerCallContext context) =>
        (await accounts.SetHoldAsync(request.AccountId, request.Reason, request.Note, context.CancellationToken)).ToProto();

    public override async Task<Aging> GetAging(GetAgingRequest request, ServerCallContext context)
    {
        var report = await statements.AgingAsync(context.CancellationToken);
        var aging = new Aging { AsOf = report.AsOf.ToProto(), PatientNotYetStatementedCents = report.PatientNotYetStatementedCents, Accounts = report.Accounts };
        aging.Buckets.AddRange(Domain.Statements.AgingReport.Buckets.Select((days, i) =>
            new AgingBucket { Days = days, PatientCents = report.PatientCents[i], InsuranceCents = report.InsuranceCents[i] }));
        return aging;
    }

    public override async Task<Statement> GetStatement(GetStatementRequest request, ServerCallContext context) =>
        (await statements.GetAsync(request.StatementId, context.CancellationToken)).ToProto();

    public override async Task<StatementDocument> GetStatementPdf(GetStatementRequest request, ServerCallContext context)
    {
        var statement = await statements.GetAsync(request.StatementId, context.CancellationToken);
        return new StatementDocument { FileName = $"{statement.StatementId}.pdf", Content = ByteString.CopyFrom(StatementPdf.Render(statement, options.PracticeName)) };
    }

    public override async Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context) =>
        (await accounts.GetAsync(request.AccountId, context.CancellationToken)).ToProto();

    public override async Task<ListAccountsResponse> ListAccounts(ListAccountsRequest request, ServerCallContext context)
    {
        var page = await accounts.ListAsync(request.PatientId, request.PageSize, request.PageToken, context.CancellationToken, request.Credits);
        var response = new ListAccountsResponse { NextPageToken = page.NextPageToken };
        response.Accounts.AddRange(page.Items.Select(a =>
        {
            var summary = new AccountSummary
            {
                AccountId = a.AccountId, PatientBalanceCents = a.PatientBalanceCents, InsurancePendingCents = a.InsurancePendingCents, UnappliedCents = a.UnappliedCents,
                Claims = a.Claims.Count, LastActivity = a.Ledger.Count > 0 ? a.Ledger[^1].At.ToProto() : null, CreditCents = a.CreditCents,
            };
            summary.PatientIds.AddRange(a.PatientIds);
            return summary;
        }));
        return response;
    }

    public override async Task<Account> RecordPatientPayment(RecordPatientPaymentRequest request, ServerCallContext context) =>
        (await accounts.RecordPatientPaymentAsync(request.AccountId, request.IdempotencyKey, request.AmountCents, request.Method, context.CancellationToken,
            request.ClaimIds, request.Reference)).ToProto();

    public override async Task<Account> RefundPatientCredit(RefundPatientCreditRequest request, ServerCallContext context) =>
        (await accounts.RefundAsync(request.AccountId, request.IdempotencyKey, request.AmountCents, request.Method, context.CancellationToken)).ToProto();
}

public static class CollectionsMappings
{
    public static PaymentPlan ToProto(this Model.PaymentPlan plan, string accountId, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var proto = new PaymentPlan
        {
            PlanId = plan.PlanId, AccountId = accountId, StartedOn = plan.StartedOn.ToProto(), TotalCents = plan.TotalCents, DownPaymentCents = plan.DownPaymentCents,
            GraceDays = plan.GraceDays, PaidCents = plan.PaidCents, Status = plan.StatusOn(today).ToString().ToUpperInvariant(), DueByTodayCents = plan.DueBy(today),
        };
        proto.Installments.AddRange(plan.Installments.Select(i => new Installment { DueOn = i.DueOn.ToProto(), AmountCents = i.AmountCents }));
        return proto;
    }

    public static StatementRun ToProto(this Domain.Statements.StatementRun run)
    {
        var proto = new StatementRun { RunId = run.RunId, At = run.At.ToProto(), TotalDueCents = run.TotalDueCents };
        proto.StatementIds.AddRange(run.StatementIds);
        proto.Skipped.Add(run.Skipped.ToDictionary(s => s.Key, s => s.Value));
        return proto;
    }

    public static Statement ToProto(this Domain.Statements.Statement s)
    {
        var proto = new Statement
        {
            StatementId = s.StatementId, AccountId = s.AccountId, RunId = s.RunId, IssuedOn = s.IssuedOn.ToProto(), DueOn = s.DueOn.ToProto(),
            UnappliedCents = s.UnappliedCents, AmountDueCents = s.AmountDueCents,
        };
        proto.Lines.AddRange(s.Lines.Select(l => new StatementLine
        {
            ServiceDate = l.ServiceDate.ToProto(), ClaimId = l.ClaimId, ChargeCents = l.ChargeCents, InsurancePaidCents = l.InsurancePaidCents,
            AdjustmentCents = l.AdjustmentCents, PatientPaidCents = l.PatientPaidCents, DueCents = l.DueCents,
        }));
        return proto;
    }

    public static Account ToProto(this Versioned<Model.Account> versioned)
    {
        var a = versioned.Value;
        var account = new Account
        {
            AccountId = a.AccountId, PatientBalanceCents = a.PatientBalanceCents, UnappliedCents = a.UnappliedCents, Version = versioned.Version,
            InsurancePendingCents = a.InsurancePendingCents, CreditCents = a.CreditCents, HoldReason = a.Hold?.Reason ?? "", HoldNote = a.Hold?.Note ?? "",
        };
        account.PatientIds.AddRange(a.PatientIds);
        account.Claims.AddRange(a.Claims.Select(c => new ClaimBalance
        {
            ClaimId = c.ClaimId, ChargeCents = c.ChargeCents, InsurancePaidCents = c.InsurancePaidCents, AdjustmentCents = c.AdjustmentCents,
            PatientResponsibilityCents = c.PatientResponsibilityCents, PatientPaidCents = c.PatientPaidCents,
            PatientBalanceCents = c.PatientBalanceCents, AdjudicatedAt = c.AdjudicatedAt.ToProto(),
            PendingPatientResponsibilityCents = c.PendingPatientResponsibilityCents, InsuranceBalanceCents = c.InsuranceBalanceCents,
            PatientId = c.PatientId, ServiceDate = c.ServiceDate.ToProto(), SecondaryExpected = c.SecondaryExpected, InsurancePendingCents = c.InsurancePendingCents,
        }));
        account.Ledger.AddRange(a.Ledger.Select(e => new LedgerEntry
        {
            EntryId = e.EntryId, Kind = e.Kind, ClaimId = e.ClaimId, AmountCents = e.AmountCents, At = e.At.ToProto(), Source = e.Source,
            LineItemControlNumber = e.LineItemControlNumber, PayerId = e.PayerId, Reason = e.Reason,
        }));
        return account;
    }
}

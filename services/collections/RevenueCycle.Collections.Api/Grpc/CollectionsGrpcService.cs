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
public sealed class CollectionsGrpcService(AccountUseCases accounts, StatementUseCases statements, CollectionUseCases collection, CollectionsOptions options,
    Model.DunningPolicy dunning, Domain.Kpis.KpiProjection kpis, TimeProvider clock)
    : CollectionsService.CollectionsServiceBase
{
    public override async Task<Kpis> GetKpis(GetKpisRequest request, ServerCallContext context)
    {
        var (from, to, figures) = await kpis.QueryAsync(Day(request.From, "from"), Day(request.To, "to"), request.By, request.PayerId, context.CancellationToken);
        var proto = new Kpis { From = from.ToProto(), To = to.ToProto(), By = request.By, PayerId = request.PayerId };
        proto.Figures.AddRange(figures.Select(f => f.ToProto()));
        return proto;
    }

    public override async Task<Google.Api.HttpBody> GetDenialPareto(GetKpisRequest request, ServerCallContext context)
    {
        var byCarc = request.By switch
        {
            "" or "root_cause" => false,
            "carc" => true,
            _ => throw new BuildingBlocks.Errors.ValidationException([new BuildingBlocks.Errors.FieldViolation("by", "must be root_cause or carc")]),
        };
        var (from, to, figures) = await kpis.QueryAsync(Day(request.From, "from"), Day(request.To, "to"), "", request.PayerId, context.CancellationToken);
        var all = figures[0];
        var title = $"Denials by {(byCarc ? "CARC" : "root cause")}, claims first submitted {from:yyyy-MM-dd} to {to:yyyy-MM-dd}";
        return new Google.Api.HttpBody
        {
            ContentType = "image/svg+xml",
            Data = ByteString.CopyFromUtf8(Charts.DenialParetoSvg.Render(byCarc ? all.DenialsByCarc : all.DenialsByRootCause, title)),
        };
    }

    private static DateOnly? Day(string text, string field) =>
        text.Length == 0 ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day
        : throw new BuildingBlocks.Errors.ValidationException([new BuildingBlocks.Errors.FieldViolation(field, "must be a date as YYYY-MM-DD")]);

    public override async Task<Account> WriteOff(WriteOffRequest request, ServerCallContext context) =>
        (await collection.WriteOffAsync(request.AccountId, request.IdempotencyKey, request.Code, request.AmountCents, request.ClaimIds, context.CancellationToken)).ToProto(dunning);

    public override async Task<Account> SetGuarantor(SetGuarantorRequest request, ServerCallContext context)
    {
        var g = request.Guarantor ?? new Guarantor();
        return (await collection.SetGuarantorAsync(request.AccountId, new Model.Guarantor(g.Name, g.Address.ToDomain()), context.CancellationToken))
            .ToProto(dunning);
    }

    public override Task<AssistanceScreening> ScreenFinancialAssistance(ScreenFinancialAssistanceRequest request, ServerCallContext context)
    {
        var s = collection.Screen(request.HouseholdSize, request.AnnualIncomeCents);
        return Task.FromResult(new AssistanceScreening
        {
            GuidelineYear = s.GuidelineYear, Region = s.Region, GuidelineCents = s.GuidelineCents, PercentOfPoverty = s.PercentOfPoverty, DiscountPercent = s.DiscountPercent,
        });
    }

    public override async Task<Account> DecideFinancialAssistance(DecideFinancialAssistanceRequest request, ServerCallContext context) =>
        (await collection.DecideAssistanceAsync(request.AccountId, request.IdempotencyKey, request.HouseholdSize, request.AnnualIncomeCents, context.CancellationToken)).ToProto(dunning);

    public override async Task<Account> PlaceWithAgency(PlaceWithAgencyRequest request, ServerCallContext context) =>
        (await collection.PlaceAsync(request.AccountId, request.AgencyId, context.CancellationToken)).ToProto(dunning);

    public override async Task<Contracts.Collections.V1.PlacementRun> PlaceReadyAccounts(PlaceReadyAccountsRequest request, ServerCallContext context)
    {
        var run = await collection.PlaceReadyAsync(request.AgencyId, context.CancellationToken);
        var proto = new Contracts.Collections.V1.PlacementRun { AgencyId = run.AgencyId, PlacedOn = run.On.ToProto() };
        proto.Placed.AddRange(run.Placed.Select(p => new PlacedAccount { AccountId = p.AccountId, PlacedCents = p.PlacedCents }));
        proto.Skipped.Add(run.Skipped.ToDictionary(s => s.Key, s => s.Value));
        return proto;
    }

    public override async Task<Account> RecallFromAgency(RecallFromAgencyRequest request, ServerCallContext context) =>
        (await collection.RecallAsync(request.AccountId, context.CancellationToken)).ToProto(dunning);

    public override async Task<Account> RecordAgencyPayment(RecordAgencyPaymentRequest request, ServerCallContext context) =>
        (await collection.RecordAgencyPaymentAsync(request.AccountId, request.IdempotencyKey, request.AmountCents, request.FeeCents, context.CancellationToken)).ToProto(dunning);

    public override async Task<ExportFile> GetPlacementFile(GetPlacementFileRequest request, ServerCallContext context)
    {
        var day = Day(request.PlacedOn, "placed_on") ?? throw new BuildingBlocks.Errors.ValidationException([new BuildingBlocks.Errors.FieldViolation("placed_on", "is required (YYYY-MM-DD)")]);
        var csv = Domain.Exports.PlacementFile.Render(await collection.PlacedOnAsync(day, context.CancellationToken), day);
        return new ExportFile { FileName = $"placements-{day:yyyyMMdd}.csv", Content = ByteString.CopyFromUtf8(csv) };
    }

    public override async Task<ExportFile> GetMailHouseFile(GetMailHouseFileRequest request, ServerCallContext context)
    {
        var (csv, unmailable) = await statements.MailHouseFileAsync(request.RunId, context.CancellationToken);
        var file = new ExportFile { FileName = $"mail-house-{request.RunId}.csv", Content = ByteString.CopyFromUtf8(csv) };
        file.LeftOut.AddRange(unmailable);
        return file;
    }

    public override async Task<PaymentPlan> AddChargesToPlan(AddChargesToPlanRequest request, ServerCallContext context)
    {
        var account = await collection.AddChargesToPlanAsync(request.AccountId, context.CancellationToken);
        return account.Value.Plan!.ToProto(account.Value.AccountId, clock);
    }

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
        (await accounts.SetHoldAsync(request.AccountId, request.Reason, request.Note, context.CancellationToken)).ToProto(dunning);

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
        var guarantor = (await accounts.GetAsync(statement.AccountId, context.CancellationToken)).Value.Guarantor;
        return new StatementDocument { FileName = $"{statement.StatementId}.pdf", Content = ByteString.CopyFrom(StatementPdf.Render(statement, options.PracticeName, guarantor)) };
    }

    public override async Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context) =>
        (await accounts.GetAsync(request.AccountId, context.CancellationToken)).ToProto(dunning);

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
            request.ClaimIds, request.Reference, request.OpenAccount)).ToProto(dunning);

    public override async Task<Account> RefundPatientCredit(RefundPatientCreditRequest request, ServerCallContext context) =>
        (await accounts.RefundAsync(request.AccountId, request.IdempotencyKey, request.AmountCents, request.Method, context.CancellationToken)).ToProto(dunning);
}

public static class CollectionsMappings
{
    private static readonly Domain.Kpis.Rate Zero = new(0, 0);

    public static KpiFigures ToProto(this Domain.Kpis.KpiFigures f)
    {
        static Rate R(Domain.Kpis.Rate r) => new() { Numerator = r.Numerator, Denominator = r.Denominator, Percent = r.Percent };
        static Average A(Domain.Kpis.Average a) => new() { Total = a.Total, Count = a.Count, Value = a.Value };
        var proto = new KpiFigures
        {
            Slice = f.Slice, Claims = f.Claims, CleanClaimScrubber = R(f.CleanClaimScrubber), CleanClaimAcceptance = R(f.CleanClaimAcceptance),
            CleanClaimFirstPassPaid = R(f.CleanClaimFirstPassPaid), InitialDenialClaims = R(f.InitialDenialClaims), InitialDenialDollars = R(f.InitialDenialDollars),
            InitialDenialLines = R(f.InitialDenialLines), TouchlessClaims = R(f.TouchlessClaims),
            DaysEncounterToClaim = A(f.DaysEncounterToClaim), NetPatientServiceRevenueCents = f.NetPatientServiceRevenueCents, NetArCents = f.NetArCents,
            NetDaysInAr = A(f.NetDaysInAr ?? new Domain.Kpis.Average(0, 0)), ArOver90Days = R(f.ArOver90Days ?? Zero), NetCollectionRate = R(f.NetCollectionRate ?? Zero),
            FinalDenialWriteOffs = R(f.FinalDenialWriteOffs ?? Zero),
        };
        proto.DenialsByRootCause.AddRange(f.DenialsByRootCause.Select(d => new DenialCount { Key = d.Key, Denials = d.Denials, DeniedCents = d.DeniedCents }));
        proto.DenialsByCarc.AddRange(f.DenialsByCarc.Select(d => new DenialCount { Key = d.Key, Denials = d.Denials, DeniedCents = d.DeniedCents }));
        return proto;
    }

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
            UnappliedCents = s.UnappliedCents, AmountDueCents = s.AmountDueCents, Notice = s.Notice,
        };
        proto.Lines.AddRange(s.Lines.Select(l => new StatementLine
        {
            ServiceDate = l.ServiceDate.ToProto(), ClaimId = l.ClaimId, ChargeCents = l.ChargeCents, InsurancePaidCents = l.InsurancePaidCents,
            AdjustmentCents = l.AdjustmentCents, PatientPaidCents = l.PatientPaidCents, DueCents = l.DueCents,
        }));
        return proto;
    }

    public static Account ToProto(this Versioned<Model.Account> versioned, Model.DunningPolicy dunning)
    {
        var a = versioned.Value;
        var next = dunning.NextLetterOn(a);
        var account = new Account
        {
            AccountId = a.AccountId, PatientBalanceCents = a.PatientBalanceCents, UnappliedCents = a.UnappliedCents, Version = versioned.Version,
            InsurancePendingCents = a.InsurancePendingCents, CreditCents = a.CreditCents, HoldReason = a.Hold?.Reason ?? "", HoldNote = a.Hold?.Note ?? "",
            NextLetter = next?.Step ?? "", NextLetterOn = next?.On.ToProto(),
            Guarantor = a.Guarantor is { } g ? new Guarantor { Name = g.Name, Address = g.Address.ToProto() } : null,
            Assistance = a.Assistance is { } d ? new AssistanceDetermination
            {
                DecidedOn = d.DecidedOn.ToProto(), HouseholdSize = d.HouseholdSize, GuidelineYear = d.GuidelineYear, PercentOfPoverty = d.PercentOfPoverty,
                DiscountPercent = d.DiscountPercent, ValidThrough = d.ValidThrough.ToProto(), WrittenOffCents = d.WrittenOffCents,
            } : null,
            Placement = a.Placement is { } p ? Placement(p) : null,
        };
        account.Dunning.AddRange(a.DunningHistory.Select(d => new DunningStep { Step = d.Step, On = d.On.ToProto(), Reference = d.Reference }));
        account.PatientIds.AddRange(a.PatientIds);
        account.Claims.AddRange(a.Claims.Select(c => new ClaimBalance
        {
            ClaimId = c.ClaimId, ChargeCents = c.ChargeCents, InsurancePaidCents = c.InsurancePaidCents, AdjustmentCents = c.AdjustmentCents,
            PatientResponsibilityCents = c.PatientResponsibilityCents, PatientPaidCents = c.PatientPaidCents,
            PatientBalanceCents = c.PatientBalanceCents, AdjudicatedAt = c.AdjudicatedAt.ToProto(),
            PendingPatientResponsibilityCents = c.PendingPatientResponsibilityCents, InsuranceBalanceCents = c.InsuranceBalanceCents,
            PatientId = c.PatientId, ServiceDate = c.ServiceDate.ToProto(), SecondaryExpected = c.SecondaryExpected, InsurancePendingCents = c.InsurancePendingCents,
            PatientWrittenOffCents = c.PatientWrittenOffCents, FirstStatementOn = c.FirstStatementOn.ToProto(),
        }));
        account.Ledger.AddRange(a.Ledger.Select(e => new LedgerEntry
        {
            EntryId = e.EntryId, Kind = e.Kind, ClaimId = e.ClaimId, AmountCents = e.AmountCents, At = e.At.ToProto(), Source = e.Source,
            LineItemControlNumber = e.LineItemControlNumber, PayerId = e.PayerId, Reason = e.Reason,
        }));
        return account;
    }

    private static AgencyPlacement Placement(Model.AgencyPlacement p)
    {
        var proto = new AgencyPlacement
        {
            AgencyId = p.AgencyId, PlacedOn = p.PlacedOn.ToProto(), PlacedCents = p.PlacedCents, RecoveredCents = p.RecoveredCents, FeeCents = p.FeeCents,
            Status = p.Status.ToString().ToUpperInvariant(), RecalledOn = p.RecalledOn.ToProto(), OutstandingCents = p.OutstandingCents,
        };
        proto.ClaimIds.AddRange(p.ClaimIds);
        return proto;
    }
}

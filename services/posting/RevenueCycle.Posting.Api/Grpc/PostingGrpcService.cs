using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Posting.Domain.UseCases;
using Model = RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Api.Grpc;

/// <summary>The gRPC (and JSON) face of remittance posting.</summary>
public sealed class PostingGrpcService(
    RemittanceUseCases remittances, RemittanceQueries queries, DenialUseCases denials, RemittanceFileUseCases files, UnmatchedUseCases unmatched, DepositUseCases deposits,
    UnderpaymentUseCases underpayments, PostingOptions options,
    PostingTables tables)
    : PostingService.PostingServiceBase
{
    public override async Task<ListProviderAdjustmentsResponse> ListProviderAdjustments(ListProviderAdjustmentsRequest request, ServerCallContext context)
    {
        var page = await queries.ProviderAdjustmentsAsync(request.ReasonCode, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListProviderAdjustmentsResponse { NextPageToken = page.NextPageToken };
        response.Entries.AddRange(page.Items.Select(e => e.ToProto()));
        return response;
    }

    public override Task<PriceServicesResponse> PriceServices(PriceServicesRequest request, ServerCallContext context)
    {
        var v = new BuildingBlocks.Errors.Validator().RequireText(request.PayerId, "payer_id", 80)
            .Require(request.Services.Count is > 0 and <= 999, "services", "must hold 1 to 999 services");
        var lines = request.Services.Select((s, i) =>
        {
            v.RequireText(s.ProcedureCode, $"services[{i}].procedure_code", 5);
            return new Domain.Rules.PricedLine(s.ProcedureCode.Trim().ToUpperInvariant(), [.. s.Modifiers], s.Units, s.PlaceOfService, s.DateOfService.ToDateOnly(v, $"services[{i}].date_of_service"));
        }).ToList();
        v.ThrowIfInvalid();
        var response = new PriceServicesResponse { NoSchedule = tables.Expected is not { HasAnySchedule: true } };
        var prices = tables.Expected?.ExpectedAllowed(request.PayerId.Trim(), lines) ?? lines.Select(_ => ((long, string)?)null).ToList();
        response.Services.AddRange(prices.Select(p => p is { } price ? new PricedService { AllowedCents = price.Item1, Basis = price.Item2 } : new PricedService()));
        return Task.FromResult(response);
    }

    public override async Task<ListUnderpaymentsResponse> ListUnderpayments(ListUnderpaymentsRequest request, ServerCallContext context)
    {
        var page = await underpayments.ListAsync(request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListUnderpaymentsResponse { NextPageToken = page.NextPageToken };
        response.Items.AddRange(page.Items.Select(u => u.ToProto()));
        return response;
    }

    public override async Task<Deposit> RecordDeposit(RecordDepositRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var date = request.DepositDate.ToDateOnly(v, "deposit_date");
        if (date is null && v.IsValid)
        {
            v.Add("deposit_date", "is required");
        }

        v.ThrowIfInvalid();
        return (await deposits.RecordAsync(request.BankReference, request.TraceNumber, request.PayerId, request.AmountCents, date!.Value, context.CancellationToken)).ToProto();
    }

    public override async Task<ListDepositsResponse> ListDeposits(ListDepositsRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var status = ((int)request.Status - 1).ToDomainEnum<Model.ReconciliationStatus>(v, "status");
        v.Require(request.Status != ReconciliationStatus.Unspecified, "status", "is required").ThrowIfInvalid();
        var page = await deposits.ListAsync(status, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListDepositsResponse { NextPageToken = page.NextPageToken };
        response.Deposits.AddRange(page.Items.Select(d => d.ToProto()));
        return response;
    }

    public override async Task<ListRemittancesAwaitingDepositResponse> ListRemittancesAwaitingDeposit(ListRemittancesAwaitingDepositRequest request, ServerCallContext context)
    {
        var page = await deposits.AwaitingDepositAsync(request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListRemittancesAwaitingDepositResponse { NextPageToken = page.NextPageToken };
        response.Remittances.AddRange(page.Items.Select(r => new RemittanceSummary
        {
            RemittanceId = r.RemittanceId, PayerId = r.PayerId, TraceNumber = r.TraceNumber, PaymentDate = r.PaymentDate.ToProto(), TotalPaidCents = r.TotalPaidCents, ClaimPayments = r.ClaimCount,
        }));
        return response;
    }

    public override async Task<ListUnmatchedPaymentsResponse> ListUnmatchedPayments(ListUnmatchedPaymentsRequest request, ServerCallContext context)
    {
        var page = await unmatched.ListAsync(request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListUnmatchedPaymentsResponse { NextPageToken = page.NextPageToken };
        response.Items.AddRange(page.Items.Select(i => i.ToProto()));
        return response;
    }

    /// <summary>Spools the streamed file to disk (two passes read it; memory stays flat), imports it, deletes the spool.</summary>
    public override async Task<ImportRemittanceFileResponse> ImportRemittanceFile(IAsyncStreamReader<RemittanceFileChunk> requestStream, ServerCallContext context)
    {
        var directory = Directory.CreateDirectory(options.SpoolDirectory.Length > 0 ? options.SpoolDirectory : Path.Combine(Path.GetTempPath(), "revenuecycle-posting")).FullName;
        var spool = Path.Combine(directory, $"{Guid.NewGuid():N}.835");
        try
        {
            long size = 0;
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
                {
                    size += chunk.Content.Length;
                    if (size > options.MaxFileBytes)
                    {
                        throw new ValidationException("content", $"the file exceeds {options.MaxFileBytes} bytes");
                    }

                    await file.WriteAsync(chunk.Content.Memory, context.CancellationToken);
                }
            }

            new Validator().Require(size > 0, "content", "is empty: send the 835 file's bytes").ThrowIfInvalid();
            var result = await files.ImportAsync(() => new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), context.CancellationToken);
            var response = new ImportRemittanceFileResponse { ClaimPayments = result.ClaimPayments };
            response.Remittances.AddRange(result.Remittances.Select(r => new Contracts.Posting.V1.ImportedRemittance { Transaction = r.Transaction, ControlNumber = r.ControlNumber, Result = Response(r.Result) }));
            return response;
        }
        finally
        {
            File.Delete(spool);
        }
    }

    public override async Task<PostRemittanceResponse> PostRemittance(PostRemittanceRequest request, ServerCallContext context)
    {
        var v = new Validator();
        if (request.Remittance is null)
        {
            v.Add("remittance", "is required").ThrowIfInvalid();
        }

        v.Require(string.IsNullOrEmpty(request.Remittance!.RemittanceId), "remittance.remittance_id", "is assigned by the service and must be empty");
        var remittance = request.Remittance.ToDomain(v);
        v.ThrowIfInvalid();
        return Response(await remittances.PostAsync(remittance, context.CancellationToken));
    }

    public override async Task<Remittance> GetRemittance(GetRemittanceRequest request, ServerCallContext context) =>
        (await queries.GetAsync(request.RemittanceId, context.CancellationToken)).ToProto();

    private static PostRemittanceResponse Response(Model.PostingResult result)
    {
        var response = new PostRemittanceResponse
        {
            RemittanceId = result.RemittanceId, Duplicate = result.Duplicate, ClaimsPosted = result.ClaimsPosted,
            DenialsDetected = result.DenialsDetected, TotalPaidCents = result.TotalPaidCents,
        };
        response.Findings.AddRange(result.Findings ?? []);
        return response;
    }

    public override async Task<ListDenialsResponse> ListDenialWorklist(ListDenialWorklistRequest request, ServerCallContext context)
    {
        var page = await queries.WorklistAsync(request.RootCause.Trim().ToLowerInvariant(), request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListDenialsResponse { NextPageToken = page.NextPageToken };
        response.Denials.AddRange(page.Items.Select(d => d.ToProto()));
        return response;
    }

    public override async Task<Denial> ResolveDenial(ResolveDenialRequest request, ServerCallContext context) =>
        (await denials.ResolveAsync(request.DenialId.Trim(), request.Resolution.Trim().ToUpperInvariant(), request.Note, context.CancellationToken)).ToProto();

    public override async Task<ListDenialsResponse> ListDenials(ListDenialsRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var category = ((int)request.Category).ToDomainEnum<Model.DenialCategory>(v, "category");
        v.ThrowIfInvalid();
        var page = await queries.ListDenialsAsync(category, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListDenialsResponse { NextPageToken = page.NextPageToken };
        response.Denials.AddRange(page.Items.Select(d => d.ToProto()));
        return response;
    }
}
